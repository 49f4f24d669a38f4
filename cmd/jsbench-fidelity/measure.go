package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

func timed(fn func() error) (time.Duration, error) {
	start := time.Now()
	err := fn()
	return time.Since(start), err
}

func measureLookup(mnt string, i int) (time.Duration, error) {
	return timed(func() error { _, err := os.Stat(filepath.Join(mnt, "meta", fmt.Sprint(i))); return err })
}

// measureOpen opens a file already looked up, so only OPEN is sent.
func measureOpen(mnt string, i int) (time.Duration, error) {
	path := filepath.Join(mnt, "open", fmt.Sprint(i))
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	var f *os.File
	d, err := timed(func() (err error) { f, err = os.Open(path); return err })
	if err == nil {
		f.Close()
	}
	return d, err
}

// measureReaddir lists a directory of 8 files (10 entries with . and ..).
func measureReaddir(mnt string, _ int) (time.Duration, error) {
	return timed(func() error {
		d, err := os.Open(filepath.Join(mnt, "list"))
		if err != nil {
			return err
		}
		defer d.Close()
		_, err = d.Readdirnames(-1)
		return err
	})
}

func measureRead(mnt string, i int) (time.Duration, error) {
	f, err := os.Open(filepath.Join(mnt, "read", fmt.Sprint(i)))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return 0, err
	}
	buf := make([]byte, 4096)
	return timed(func() error { _, err := f.ReadAt(buf, 0); return err })
}

func measureWrite(mnt string, i int) (time.Duration, error) {
	f, err := os.OpenFile(filepath.Join(mnt, "data"), os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	page := make([]byte, 4096)
	return timed(func() error { _, err := f.WriteAt(page, int64(i)*4096); return err })
}

func measureUnlink(mnt string, i int) (time.Duration, error) {
	path := filepath.Join(mnt, "unlink", fmt.Sprint(i))
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	return timed(func() error { return os.Remove(path) })
}

func measureFlush(mnt string, i int) (time.Duration, error) {
	f, err := os.Create(filepath.Join(mnt, "flush", fmt.Sprint(i)))
	if err != nil {
		return 0, err
	}
	if _, err := f.Write(make([]byte, 4096)); err != nil {
		f.Close()
		return 0, err
	}
	return timed(f.Close)
}

func measureFsync(mnt string, i int) (time.Duration, error) {
	f, err := os.OpenFile(filepath.Join(mnt, "data"), os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if _, err := f.WriteAt(make([]byte, 4096), int64(i)*4096); err != nil {
		return 0, err
	}
	return timed(f.Sync)
}
