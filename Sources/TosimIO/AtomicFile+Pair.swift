//===--- AtomicFile+Pair.swift ---------------------------------------------===//
// Both-or-neither writes of several files (a cost table's `fp32.json` and
// `fp32.csv`) and the clean-up of what a killed run leaves behind. Used by
// `tosim derive` for every table it writes, and at its start on --out.
//
// Protocol for files F1…Fn with journal `.NAME.pair`:
//  1. each Fi is written to `.Fi.tmp-PID` and flushed;
//  2. the journal `.NAME.pair` (pid, then one `temporary<TAB>target` line
//     per file) is written atomically: from here on the new files are
//     complete and the write is decided;
//  3. each temporary is renamed over its target;
//  4. the journal is removed.
// A kill before 2 leaves the old files and stale temporaries, which the next
// run removes. A kill between the renames of 3 leaves the journal, some new
// files and the remaining temporaries; the next run (`recoverPairs`) rolls
// the renames forward, so the pair again comes from one run.
//===----------------------------------------------------------------------===//
import Foundation

extension AtomicFile {
  /// Writes every `(text, path)` so that either all targets change or none
  /// does, even when the process is killed part way (see the file header).
  ///
  /// - Parameter journal: the journal's path, in the targets' folder.
  /// - Throws: `OutputError` naming the file that could not be written.
  public static func writeAll(_ files: [(text: String, path: String)], journal: String) throws {
    var temporaries: [String] = []
    do {
      for file in files { temporaries.append(try writeTemporary(file.text, for: file.path)) }
      let lines = ["pid \(getpid())"] + zip(temporaries, files).map { "\($0)\t\($1.path)" }
      try write(lines.joined(separator: "\n") + "\n", to: journal)
    } catch {
      for temporary in temporaries { unlink(temporary) }
      throw error
    }
    for (temporary, file) in zip(temporaries, files) { try commit(temporary, to: file.path) }
    unlink(journal)
  }

  /// Finishes the writes whose journals (`.*.pair`) in `folder` belong to
  /// processes that no longer run: renames their remaining temporaries over
  /// the targets and removes the journals.
  ///
  /// - Returns: the targets that were completed.
  public static func recoverPairs(in folder: String) throws -> [String] {
    var completed: [String] = []
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    where name.hasPrefix(".") && name.hasSuffix(".pair") {
      let journal = (folder as NSString).appendingPathComponent(name)
      guard let text = try? String(contentsOfFile: journal, encoding: .utf8) else { continue }
      let lines = text.split(separator: "\n")
      guard let first = lines.first, first.hasPrefix("pid "), let pid = Int32(first.dropFirst(4)) else {
        unlink(journal)  // a journal is written atomically; an unreadable one is not ours
        continue
      }
      guard !isRunning(pid) else { continue }
      for line in lines.dropFirst() {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 2 else { continue }
        if FileManager.default.fileExists(atPath: fields[0]) {
          try commit(fields[0], to: fields[1])
          completed.append(fields[1])
        }
      }
      unlink(journal)
    }
    return completed
  }

  /// Removes the temporaries `.NAME.tmp-PID` in `folder` left by processes
  /// that no longer run (call `recoverPairs` first).
  ///
  /// - Returns: the removed files' names.
  public static func removeStaleTemporaries(in folder: String) -> [String] {
    var removed: [String] = []
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") {
      guard let marker = name.range(of: ".tmp-", options: .backwards),
        let pid = Int32(name[marker.upperBound...]), pid != getpid(), !isRunning(pid)
      else { continue }
      if unlink((folder as NSString).appendingPathComponent(name)) == 0 { removed.append(name) }
    }
    return removed.sorted()
  }

  /// Whether a process with `pid` exists.
  static func isRunning(_ pid: Int32) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
  }
}
