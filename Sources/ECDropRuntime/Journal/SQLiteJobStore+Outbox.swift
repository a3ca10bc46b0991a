import ECDropCore
import ECDropSQLite
import Foundation

extension SQLiteJobStore {
    public func dueDeliveries(at now: Date, limit: Int) throws -> [OutboxItem] {
        try storage {
            try connection.query(
                outboxSelect + " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                [.real(now.timeIntervalSince1970), .int(limit)]
            ) { try readOutbox($0) }
        }
    }

    public func recordDelivery(_ attempt: DeliveryAttempt, next: OutboxItem) throws {
        try storage {
            try connection.transaction {
                try connection.run(
                    """
                    INSERT INTO deliveries (outbox_id, attempted_at, http_status, error, duration_ms)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(attempt.outboxId), .real(attempt.attemptedAt.timeIntervalSince1970),
                        .optional(attempt.httpStatus), .optional(attempt.error), .int(attempt.durationMilliseconds),
                    ])
                try connection.run(
                    "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                    [
                        .text(next.state.rawValue), .int(next.attempts),
                        .real(next.nextAttemptAt.timeIntervalSince1970),
                        .optional(next.lastError), .integer(next.id),
                    ])
            }
        }
    }

    public func outbox(jobId: String) throws -> [OutboxItem] {
        try storage {
            try connection.query(outboxSelect + " WHERE job_id = ? ORDER BY id", [.text(jobId)]) { try readOutbox($0) }
        }
    }

    public func deliveryLog(outboxId: Int64) throws -> [DeliveryAttempt] {
        try storage {
            try connection.query(
                "SELECT attempted_at, http_status, error, duration_ms FROM deliveries WHERE outbox_id = ? ORDER BY id",
                [.integer(outboxId)]
            ) { row in
                DeliveryAttempt(
                    outboxId: outboxId, attemptedAt: Date(timeIntervalSince1970: row.double(at: 0)),
                    httpStatus: row.optionalInt(at: 1), error: row.string(at: 2), durationMilliseconds: row.int(at: 3))
            }
        }
    }

    // MARK: - Rows

    func insertOutbox(_ item: OutboxItem) throws {
        try connection.run(
            """
            INSERT INTO outbox (reporter, job_id, notice, payload, created_at, next_attempt_at, give_up_at,
                attempts, state, last_error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(item.reporter), .text(item.jobId), .text(item.notice.rawValue), .blob(item.payload),
                .real(item.createdAt.timeIntervalSince1970), .real(item.nextAttemptAt.timeIntervalSince1970),
                .real(item.giveUpAt.timeIntervalSince1970), .int(item.attempts), .text(item.state.rawValue),
                .optional(item.lastError),
            ])
    }

    private var outboxSelect: String {
        """
        SELECT id, reporter, job_id, notice, payload, created_at, next_attempt_at, give_up_at, attempts, state,
            last_error
        FROM outbox
        """
    }

    private func readOutbox(_ row: SQLiteStatement) throws -> OutboxItem {
        guard let notice = JobNotice(rawValue: row.string(at: 3) ?? ""),
            let state = OutboxItem.State(rawValue: row.string(at: 9) ?? "")
        else {
            throw JournalError(.corruptRecord, path: path, detail: "outbox item \(row.int64(at: 0)) is unreadable")
        }
        return OutboxItem(
            id: row.int64(at: 0), reporter: row.string(at: 1) ?? "", jobId: row.string(at: 2) ?? "", notice: notice,
            payload: row.data(at: 4) ?? Data(), createdAt: Date(timeIntervalSince1970: row.double(at: 5)),
            giveUpAt: Date(timeIntervalSince1970: row.double(at: 7)), attempts: row.int(at: 8), state: state,
            nextAttemptAt: Date(timeIntervalSince1970: row.double(at: 6)), lastError: row.string(at: 10))
    }
}
