// The ECDropYAML adapter: see its files.
