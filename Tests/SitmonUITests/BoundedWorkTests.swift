import SitmonCore
import SitmonScreen
import Testing
@testable import SitmonUI

/// Work bounded by what is shown, not by the size of the input (issue #16): a huge summary in the detail pane,
/// and a paste into the `/` search or the text filter.
@Suite("Bounded work")
struct BoundedWorkTests {
    /// A monitor on one record whose summary is `bytes` long (words of 7 letters and a space).
    static func hugeSummary(_ bytes: Int) -> AppState {
        var store = RecordStore()
        let word = "abcdefg "
        let summary = String(repeating: word, count: bytes / word.utf8.count)
        store.append(
            Record(
                kind: .event, id: "e1", date: PartialDate(day: 18_000, precision: .day), category: .other,
                title: "A record with a long summary", summary: summary, sources: [0]))
        let dataset = Dataset(
            info: DatasetInfo(id: "huge", title: "Huge"),
            sources: [Source(id: "s1", title: "Source one")], records: store)
        return AppState(
            engine: QueryEngine(dataset: dataset), width: 120, height: 40, mouseEnabled: false,
            exportDirectory: ".")
    }

    @Test("a 20 MB summary is laid out up to the pane's limit: keys 1, 2, 4 and G wrap a bounded prefix, not 20 MB")
    func hugeSummaryIsCut() throws {
        let bytes = 20 << 20
        var state = Self.hugeSummary(bytes)
        let count = DetailContent.WorkCount()
        try DetailContent.$workCount.withValue(count) {
            let lines = DetailContent.lines(for: state, width: 60)
            // Title, When, What, blank, the summary's first 1,000 lines and the note, blank, Sources and one source.
            #expect(lines.count < DetailContent.maximumLinesPerText + 20)
            let note = try #require(lines.first { $0.plainText.hasPrefix("… (cut") })
            #expect(note.plainText == "… (cut: the text is 20.0 MB)")
            #expect(count.bytesWrapped < 2 << 20)

            count.bytesWrapped = 0
            state.press(.character("1"))
            state.press(.character("2"))  // the timeline again: the detail shows its record
            state.press(.character("4"))
            state.press(.character("G"))
            _ = Renderer.render(state)
            // Each layout wraps at most 16 × 1,000 × (width + 1) bytes of the summary, whoever asks for it.
            #expect(count.bytesWrapped < bytes / 4)
        }
        #expect(state.focus == .detail)
        // G reached the end: the note is the last summary line on screen.
        let screen = Renderer.render(state).text
        #expect(screen.contains("… (cut: the text is 20.0 MB)"), "\(screen)")
    }

    @Test("a short text is laid out whole, exactly as the wrapper does")
    func shortTextWhole() {
        let text = String(repeating: "word ", count: 500)
        #expect(DetailContent.laidOut(text, to: 40) == TerminalText.wrapped(text, to: 40))
        // 210 KB of wide characters: the first prefix (1,000 × 41 bytes) gives too few lines, the next enough.
        let wide = String(repeating: "漢字 ", count: 30_000)
        #expect(
            DetailContent.laidOut(wide, to: 40) == Array(TerminalText.wrapped(wide, to: 40).prefix(1000))
                + [DetailContent.cutNote(wide.utf8.count)])
    }

    @Test("an actor with 300 groups under it lists the first 200 and counts the rest; 20 lists all, in file order")
    func hugeFamilyIsCounted() {
        func state(_ children: Int) -> AppState {
            var actors = [Actor(id: "top", name: "Top", kind: .militia)]
            for k in (1...children).reversed() {
                actors.append(Actor(id: "g\(k)", name: "G\(k)", kind: .militia, parent: 0))
            }
            let dataset = Dataset(info: DatasetInfo(id: "f", title: "F"), actors: actors)
            return AppState(
                engine: QueryEngine(dataset: dataset), width: 120, height: 40, mouseEnabled: false,
                exportDirectory: ".")
        }
        let many = DetailContent.actorLines(0, state(300), 10_000).map(\.plainText)
        let includes = many.first { $0.hasPrefix("Includes: ") } ?? ""
        #expect(includes.hasSuffix(", … (100 more)"))
        #expect(includes.components(separatedBy: ", ").count == 201)
        let few = DetailContent.actorLines(0, state(20), 10_000).map(\.plainText)
        #expect(few.contains("Includes: " + (1...20).reversed().map { "G\($0)" }.joined(separator: ", ")))
    }

    /// What a user sees after the events, sent one at a time or as one batch.
    static func outcome(_ keys: [Key], batch: Bool) throws -> (Screen, Int, String?) {
        var state = try Fixture.state()
        let events = keys.map { InputEvent.key($0) }
        if batch {
            _ = Update.apply(&state, batch: events)
        } else {
            for event in events { _ = Update.apply(&state, .input(event)) }
        }
        return (Renderer.render(state), state.selection(state.focus), state.message?.text)
    }

    @Test("a pasted batch ends as the same keys one by one: search, filter, edits, Enter and Esc")
    func batchSameAsOneByOne() throws {
        let paste = Array("Bamako coup".map { Key.character($0) })
        let cases: [[Key]] = [
            [.character("/")] + paste,
            [.character("/")] + paste + [.enter, .character("n")],
            [.character("/")] + paste + [.backspace, .backspace, .left, .character("x"), .control("a"), .delete],
            [.character("/")] + Array(String(repeating: "zq", count: 150).map { Key.character($0) }) + [.escape],
            [.character("f")] + paste,
            [.character("f")] + paste + [.control("u")] + Array("Mopti".map { Key.character($0) }) + [.enter],
            [.character("f")] + paste + [.escape, .character("j")],
        ]
        for keys in cases {
            let one = try Self.outcome(keys, batch: false), all = try Self.outcome(keys, batch: true)
            #expect(one.0 == all.0)
            #expect(one.1 == all.1)
            #expect(one.2 == all.2)
        }
    }

    @Test("a 2,000-character paste into / runs the search once, for the last key of the run")
    func batchSearchesOnce() throws {
        var state = try Fixture.state()
        state.press(.character("/"))
        let count = Update.BatchCount()
        let events = [InputEvent](repeating: .key(.character("a")), count: 2000)
        Update.$batchCount.withValue(count) { _ = Update.apply(&state, batch: events) }
        #expect(count.updates == 1)
        #expect(count.fieldEdits == 1999)
        guard case .search(let search) = state.overlay else {
            Issue.record("the search closed")
            return
        }
        #expect(search.query.text.count == 200)  // the field's bound
    }

    @Test("a pending signal stops the batch: nothing after it is applied")
    func interruptedBatch() throws {
        var state = try Fixture.state()
        let before = state.focus
        _ = Update.apply(&state, batch: [.key(.character("4")), .key(.character("1"))]) { true }
        #expect(state.focus == before)
    }

    @Test("the keys a batch treats as field edits are exactly the keys a line editor handles")
    func fieldEditKeysMatchTheEditor() {
        let keys: [Key] = [
            .character("x"), .character(" "), .backspace, .delete, .left, .right, .home, .end, .up, .down,
            .pageUp, .pageDown, .enter, .escape, .tab, .control("a"), .control("e"), .control("u"), .control("c"),
            .control("r"),
        ]
        for key in keys {
            var editor = LineEditor("ab")
            #expect(LineEditor.isEdit(key) == editor.handle(key), "\(key)")
        }
    }
}
