import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a program as a child process, as a user would start it: its wall time and its
/// peak resident memory, read from `wait4` (the kernel's account of that child alone).
struct ChildRun {
    var seconds: Double
    var peakMegabytes: Double

    /// Runs `path` with `arguments`, its output to `output` (default: discarded); throws when it
    /// fails, with its exit status.
    init(_ path: String, _ arguments: [String], output: String = "/dev/null") throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let started = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard started == 0 else { throw ValidationError("cannot start \(path): \(String(cString: strerror(started)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        peakMegabytes = Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
        // Exited normally (no signal) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw ValidationError("\(([path] + arguments).joined(separator: " ")) failed (wait status \(status))")
        }
    }
}
