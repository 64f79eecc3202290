package main

import (
	"context"
	"errors"
	"log/slog"
)

func runAdd(ctx context.Context, log *slog.Logger, args []string) error {
	return errors.New("add: not built yet")
}
