/// A problem about one reference of an event or incident: which problem, where its record starts, and which
/// reference of which field it is (`actors`, `perpetrators`, `regions`, `region` or `sources`; `position` counts
/// the field's references, as the decoder stored them).
struct RecordReferenceProblem {
    var problem: Int
    var recordOffset: Int
    var field: String
    var position: Int
}

/// Places the reference problems of records at the reference itself.
///
/// Records keep no offset per reference (a million records would pay for it on every load); the decoder keeps
/// only where each record starts. On the error path, each record with such a problem is read again from the
/// file's original bytes to find the reference's offset. Until then, the problem points at the record's start.
enum ReferenceLocator {
    /// Moves the offset of each listed problem to its reference. `original` is the file's unmodified bytes.
    static func locate(_ items: [RecordReferenceProblem], in original: [UInt8], problems: inout [Diagnostic]) {
        guard !items.isEmpty else { return }
        // Reading a record decodes its strings in place, writing over bytes already read: records are read in
        // file order, each once, on one copy of the file.
        var bytes = original
        let byRecord = Dictionary(grouping: items, by: \.recordOffset)
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in byRecord.keys.sorted() where start >= 0 && start < buffer.count {
                guard let wanted = byRecord[start] else { continue }
                var reader = JSONReader(base: base + start, count: buffer.count - start)
                let found = (try? offsets(in: &reader, fields: Set(wanted.map(\.field)))) ?? [:]
                for item in wanted where item.problem >= 0 && item.problem < problems.count {
                    if let offset = found[Key(field: item.field, position: item.position)] {
                        problems[item.problem].offset = start + offset
                    }
                }
            }
        }
    }

    struct Key: Hashable {
        var field: String
        var position: Int
    }

    /// The offset, relative to the reader's start, of every reference in the given fields of the record the
    /// reader starts at. Only a field's first occurrence counts (the decoder skips repeats).
    static func offsets(in reader: inout JSONReader, fields: Set<String>) throws(JSONSyntaxError) -> [Key: Int] {
        var result: [Key: Int] = [:]
        var done = Set<String>()
        try reader.beginObject()
        while let key = try reader.nextKey() {
            let name = reader.string(key)
            guard fields.contains(name), done.insert(name).inserted else {
                try reader.skipValue()
                continue
            }
            let kind = try reader.peek()
            if kind == .string {  // an incident's single region
                result[Key(field: name, position: 0)] = reader.valueOffset()
                try reader.skipValue()
                continue
            }
            guard kind == .array else {
                try reader.skipValue()
                continue
            }
            try reader.beginArray()
            var position = 0
            while try reader.nextElement() {
                let elementOffset = reader.valueOffset()
                let elementKind = try reader.peek()
                if name == "actors" {
                    // {"actor": id, "role": text}: the place of the id.
                    guard elementKind == .object else { try reader.skipValue(); continue }
                    if let actorOffset = try actorOffset(in: &reader) {
                        result[Key(field: name, position: position)] = actorOffset
                        position += 1
                    }
                } else {
                    if elementKind == .string {
                        result[Key(field: name, position: position)] = elementOffset
                        position += 1
                    }
                    try reader.skipValue()
                }
            }
        }
        return result
    }

    /// Reads a participation object and gives where its `actor` id is, if it has one.
    static func actorOffset(in reader: inout JSONReader) throws(JSONSyntaxError) -> Int? {
        var found: Int?
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if found == nil, reader.span(key, equals: "actor"), try reader.peek() == .string {
                found = reader.valueOffset()
            }
            try reader.skipValue()
        }
        return found
    }
}
