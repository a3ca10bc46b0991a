// The ECDropInotify adapter: see its files.
