import Foundation

extension SQLiteJobStore {
    /// Writes the whole journal, as this connection sees it, into a new file at `destination`
    /// (which must not exist): SQLite's `VACUUM INTO`, consistent even while the open file is
    /// one that was removed from its folder.
    func copy(to destination: String) throws {
        let quoted = destination.replacingOccurrences(of: "'", with: "''")
        try storage { try connection.execute("VACUUM INTO '\(quoted)'") }
    }
}
