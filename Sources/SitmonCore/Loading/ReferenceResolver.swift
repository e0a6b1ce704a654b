/// Turns the decoder's id symbols into indexes, reporting unknown ids, ids of the wrong kind and cycles.
extension DatasetDecoder {
    /// Where each referenced symbol points: the owner of the id, or nil when no record has it.
    func referenceTargets() -> [IdOwner?] {
        store.text.bytes.withUnsafeBufferPointer { text in
            store.ids.withUnsafeBufferPointer { refs in
                (0..<references.count).map { r -> IdOwner? in
                    var key = references.key(Int32(r))
                    if let owner = key.withUTF8({ ids.smallOwner(of: $0) }) { return owner }
                    guard let base = text.baseAddress else { return nil }
                    return key.withUTF8 { bytes in
                        ids.recordOwner(of: bytes, kinds: store.kinds) { Self.key(of: refs[Int($0)], in: base) }
                    }
                }
            }
        }
    }

    static func index(of symbol: Int32, in section: Section, _ targets: [IdOwner?]) -> Int32 {
        guard symbol >= 0, Int(symbol) < targets.count, let owner = targets[Int(symbol)], owner.section == section
        else {
            return -1
        }
        return owner.index
    }

    func referenceProblem(_ symbol: Int32, expected: Section, _ targets: [IdOwner?]) -> String {
        let key = Self.excerpt(references.key(symbol))
        if Int(symbol) < targets.count, let owner = targets[Int(symbol)] {
            return
                "\"\(key)\" is \(Self.withArticle("a " + owner.section.noun)), expected \(Self.withArticle("a " + expected.noun)) id"
        }
        return "unknown \(expected.noun) \"\(key)\""
    }

    /// Resolves every reference, then checks the structure (cycles). Returns the finished dataset.
    mutating func resolve() -> Dataset {
        let targets = referenceTargets()
        for p in pending where Self.index(of: p.symbol, in: p.expected, targets) < 0 {
            problem(p.path, referenceProblem(p.symbol, expected: p.expected, targets), at: p.offset)
        }
        func map(_ s: Int32, _ section: Section) -> Int32 { Self.index(of: s, in: section, targets) }
        func mapAll(_ list: [Int32], _ section: Section) -> [Int32] { list.map { map($0, section) }.filter { $0 >= 0 } }

        for i in actors.indices {
            actors[i].parent = actors[i].parent.map { map($0, .actors) }.flatMap { $0 >= 0 ? $0 : nil }
            actors[i].sources = mapAll(actors[i].sources, .sources)
            for r in actors[i].roles.indices {
                actors[i].roles[r].sources = mapAll(actors[i].roles[r].sources, .sources)
            }
        }
        for i in relations.indices {
            relations[i].from = map(relations[i].from, .actors)
            relations[i].to = map(relations[i].to, .actors)
            relations[i].sources = mapAll(relations[i].sources, .sources)
        }
        for i in regions.indices {
            regions[i].parent = regions[i].parent.map { map($0, .regions) }.flatMap { $0 >= 0 ? $0 : nil }
            regions[i].sources = mapAll(regions[i].sources, .sources)
        }
        for i in assessments.indices {
            assessments[i].region = map(assessments[i].region, .regions)
            assessments[i].groups = mapAll(assessments[i].groups, .actors)
            assessments[i].sources = mapAll(assessments[i].sources, .sources)
        }
        for (key, var extra) in store.extras where !extra.alternatives.isEmpty {
            for a in extra.alternatives.indices {
                extra.alternatives[a].sources = mapAll(extra.alternatives[a].sources, .sources)
            }
            store.extras[key] = extra
        }
        resolveRecordReferences(targets)
        relations.removeAll { $0.from < 0 || $0.to < 0 }
        checkCycles()
        return Dataset(
            info: info ?? DatasetInfo(id: "", title: ""), sources: sources, actors: actors,
            relations: relations, regions: regions, assessments: assessments, records: store)
    }

    /// Maps the records' actor, region and source symbols to indexes in place; every reference that does not
    /// resolve is reported with its record's path, its position and the id it names (placed by `ReferenceLocator`).
    mutating func resolveRecordReferences(_ targets: [IdOwner?]) {
        func map(_ section: Section) -> [Int32] {
            targets.map { t in t.map { $0.section == section ? $0.index : -1 } ?? -1 }
        }
        let actorMap = map(.actors), regionMap = map(.regions), sourceMap = map(.sources)
        func resolve(_ symbol: Int32, _ table: [Int32]) -> Int32 {
            symbol >= 0 && Int(symbol) < table.count ? table[Int(symbol)] : -1
        }
        var bad: [(record: Int, field: String, position: Int, symbol: Int32, expected: Section)] = []
        for i in 0..<store.count {
            var perpetrators = 0, others = 0
            for k in Int(store.actorOffsets[i])..<Int(store.actorOffsets[i + 1]) {
                let symbol = store.actorRefs[k]
                let isPerpetrator = store.actorRoles[k] == store.perpetratorSymbol && store.kinds[i] == .incident
                let mapped = resolve(symbol, actorMap)
                if mapped < 0 {
                    bad.append(
                        (
                            i, isPerpetrator ? "perpetrators" : "actors", isPerpetrator ? perpetrators : others,
                            symbol, .actors
                        ))
                }
                if isPerpetrator { perpetrators += 1 } else { others += 1 }
                store.actorRefs[k] = mapped
            }
            for (n, k) in (Int(store.regionOffsets[i])..<Int(store.regionOffsets[i + 1])).enumerated() {
                let symbol = store.regionRefs[k]
                let mapped = resolve(symbol, regionMap)
                if mapped < 0 { bad.append((i, store.kinds[i] == .event ? "regions" : "region", n, symbol, .regions)) }
                store.regionRefs[k] = mapped
            }
            for (n, k) in (Int(store.sourceOffsets[i])..<Int(store.sourceOffsets[i + 1])).enumerated() {
                let symbol = store.sourceRefs[k]
                let mapped = resolve(symbol, sourceMap)
                if mapped < 0 { bad.append((i, "sources", n, symbol, .sources)) }
                store.sourceRefs[k] = mapped
            }
        }
        guard !bad.isEmpty else { return }
        // Records are stored in file order: events first or incidents first, each section in order.
        var sectionIndex = [Int](repeating: 0, count: store.count)
        var events = 0, incidents = 0
        for i in 0..<store.count {
            if store.kinds[i] == .event {
                sectionIndex[i] = events; events += 1
            } else {
                sectionIndex[i] = incidents; incidents += 1
            }
        }
        for b in bad {
            let kind = store.kinds[b.record]
            let field = b.field == "region" ? "region" : "\(b.field)[\(b.position)]"
            // Placed at the record's start for now; ReferenceLocator moves it to the reference itself.
            let recordOffset = b.record < recordOffsets.count ? Int(recordOffsets[b.record]) : nil
            if let recordOffset {
                diagnostics.addRecordReference(field: b.field, position: b.position, recordOffset: recordOffset)
            }
            problem(
                Self.recordPath(kind, sectionIndex[b.record], field),
                referenceProblem(b.symbol, expected: b.expected, targets),
                at: recordOffset)
        }
    }

    /// Parent chains and part-of relations must not loop.
    mutating func checkCycles() {
        func findCycle(count: Int, next: (Int) -> [Int]) -> [Int]? {
            var state = [UInt8](repeating: 0, count: count)  // 0 new, 1 on stack, 2 done
            for startNode in 0..<count where state[startNode] == 0 {
                var stack: [(node: Int, edges: [Int], position: Int)] = [(startNode, next(startNode), 0)]
                state[startNode] = 1
                while !stack.isEmpty {
                    let top = stack.count - 1
                    if stack[top].position < stack[top].edges.count {
                        let target = stack[top].edges[stack[top].position]
                        stack[top].position += 1
                        if state[target] == 1 {
                            var cycle = stack.map(\.node)
                            if let from = cycle.firstIndex(of: target) { cycle = Array(cycle[from...]) }
                            return cycle + [target]
                        }
                        if state[target] == 0 {
                            state[target] = 1
                            stack.append((target, next(target), 0))
                        }
                    } else {
                        state[stack[top].node] = 2
                        stack.removeLast()
                    }
                }
            }
            return nil
        }
        let actorParents = actors.map { a in a.parent.map { [Int($0)] } ?? [] }
        if let cycle = findCycle(count: actors.count, next: { actorParents[$0] }) {
            problem(
                "$.actors[\(cycle[0])].parent",
                "parent chain loops: " + cycle.map { Self.excerpt(actors[$0].id) }.joined(separator: " → "))
        }
        let regionParents = regions.map { r in r.parent.map { [Int($0)] } ?? [] }
        if let cycle = findCycle(count: regions.count, next: { regionParents[$0] }) {
            problem(
                "$.regions[\(cycle[0])].parent",
                "parent chain loops: " + cycle.map { Self.excerpt(regions[$0].id) }.joined(separator: " → "))
        }
        var partOf = [[Int]](repeating: [], count: actors.count)
        for r in relations where r.kind == .partOf && r.from >= 0 && r.to >= 0 { partOf[Int(r.from)].append(Int(r.to)) }
        if let cycle = findCycle(count: actors.count, next: { partOf[$0] }) {
            problem(
                "$.relations",
                "part-of relations loop: " + cycle.map { Self.excerpt(actors[$0].id) }.joined(separator: " → "))
        }
    }
}
