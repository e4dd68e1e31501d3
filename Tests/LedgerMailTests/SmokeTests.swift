import Testing
@testable import LedgerMail
@Test func version() { #expect(!LedgerMailVersion.current.isEmpty) }
