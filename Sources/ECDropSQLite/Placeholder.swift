// The ECDropSQLite adapter: see its files.
