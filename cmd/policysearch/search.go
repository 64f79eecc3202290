package main

import (
	"context"
	"errors"
	"log/slog"
)

func runSearch(ctx context.Context, log *slog.Logger, args []string) error {
	return errors.New("search: not built yet")
}
