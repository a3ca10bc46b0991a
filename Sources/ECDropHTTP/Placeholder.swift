// The ECDropHTTP adapter: see its files.
