/// Who owns an id: a section and an index in it.
struct IdOwner: Sendable {
    var section: Section
    /// Index in the section's array of decoded records.
    var index: Int32
    /// Index of the element in the file's array (differs when elements that are not objects were skipped).
    var element: Int32
}

/// Every id a dataset file defines, and who defines it. An id is defined once across all sections.
///
/// The small tables' ids (sources, actors, regions, relations, assessments) are interned with their owners. The
/// records' ids are many: they stay in the kept text, and `recordIds` holds only their hashes and record numbers
/// (keys are read through the store's id references, `keyOf`); a record's owner comes from its kind and element.
struct IdRegistry {
    /// The small tables' ids, in the order defined; `owners` is indexed by their symbols.
    var smallIds = SymbolTable(capacity: 1024)
    var owners: [IdOwner] = []
    /// Low 16 bits of the hashes of the small tables' ids: lets nearly every record id skip their lookup.
    var smallIdHashes = BitSet(count: 1 << 16)
    /// Ids of events and incidents, by hash, as record numbers in the store.
    var recordIds = RecordIdTable()
    /// Each record's element index in its section's array, for "first defined at" messages.
    var recordElements: [Int32] = []

    /// The small tables' ids alone: what the second thread of a split load starts from (sharing no storage that
    /// the loader goes on writing).
    var smallTablesOnly: IdRegistry {
        IdRegistry(smallIds: smallIds, owners: owners, smallIdHashes: smallIdHashes)
    }

    /// Registers an id read at `bytes`, of `section`'s element `element` (index `index` in the decoded section;
    /// for a record, the record about to be stored is number `record`). Returns the owner of an earlier definition
    /// (a duplicate), or nil. `keyOf` gives a stored record's id; `kinds` the stored records' kinds.
    @inline(__always)
    mutating func register(
        _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, section: Section, index: Int,
        element: Int, record: Int32, kinds: [RecordKind],
        keyOf: (Int32) -> UnsafeBufferPointer<UInt8>
    ) -> IdOwner? {
        if smallIdHashes.contains(Int(hash & 0xFFFF)), let symbol = smallIds.lookup(bytes) {
            return owners[Int(symbol)]
        }
        let isRecord = section == .events || section == .incidents
        let existing =
            isRecord
            ? recordIds.insert(bytes, hash: hash, record: record, keyOf: keyOf)
            : recordIds.find(bytes, hash: hash, keyOf: keyOf)
        if let existing { return recordOwner(existing, kinds: kinds) }
        if !isRecord {
            smallIds.intern(bytes)
            smallIdHashes.insert(Int(hash & 0xFFFF))
            owners.append(IdOwner(section: section, index: Int32(index), element: Int32(element)))
        }
        return nil
    }

    /// The owner of a small table's id hashing to `hash` (`RecordIdTable.hash`), or nil when no small table
    /// defines it.
    @inline(__always)
    func smallOwner(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> IdOwner? {
        guard smallIdHashes.contains(Int(hash & 0xFFFF)), let symbol = smallIds.lookup(bytes) else { return nil }
        return owners[Int(symbol)]
    }

    /// Registers the id of the record about to be stored as number `record` (its small tables' check done:
    /// `smallOwner`). Returns the owner of an earlier record with the same id (a duplicate), or nil.
    @inline(__always)
    mutating func registerRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, record: Int32, kinds: [RecordKind],
        keyOf: (Int32) -> UnsafeBufferPointer<UInt8>
    ) -> IdOwner? {
        recordIds.insert(bytes, hash: hash, record: record, keyOf: keyOf).map { recordOwner($0, kinds: kinds) }
    }

    /// The owner of a small table's id, or nil when no small table defines it.
    func smallOwner(of bytes: UnsafeBufferPointer<UInt8>) -> IdOwner? {
        smallIds.lookup(bytes).map { owners[Int($0)] }
    }

    /// The owner of a record's id, or nil when no record defines it.
    func recordOwner(
        of bytes: UnsafeBufferPointer<UInt8>, kinds: [RecordKind],
        keyOf: (Int32) -> UnsafeBufferPointer<UInt8>
    ) -> IdOwner? {
        recordIds.find(bytes, hash: RecordIdTable.hash(bytes), keyOf: keyOf).map { recordOwner($0, kinds: kinds) }
    }

    /// Who owns the id of record `record` (an index in the store).
    func recordOwner(_ record: Int32, kinds: [RecordKind]) -> IdOwner {
        let r = Int(record)
        let section: Section = kinds[r] == .event ? .events : .incidents
        let element = r < recordElements.count ? recordElements[r] : record
        return IdOwner(section: section, index: element, element: element)
    }

    /// Adds the record ids of a second half (`second`, whose records follow this one's `first` records and whose
    /// elements follow `firstElement`): with the hashes its table holds, in the order of its slots (keys are
    /// compared only when hashes are equal). Returns false when one of them is already defined here.
    mutating func join(
        _ second: IdRegistry, first: Int, firstElement: Int,
        keyOf: (Int32) -> UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let elementsFrom = recordElements.count
        let elementShift = Int32(truncatingIfNeeded: firstElement)
        recordElements.append(contentsOf: second.recordElements)
        recordElements.withUnsafeMutableBufferPointer { elements in
            for k in elementsFrom..<elements.count { elements[k] &+= elementShift }
        }
        var duplicate = false
        second.recordIds.forEachEntry { hash, record in
            let r = Int32(truncatingIfNeeded: first) &+ record
            duplicate = recordIds.insert(hash: hash, record: r) { RecordIdTable.equal(keyOf($0), keyOf(r)) } != nil
            return !duplicate
        }
        return !duplicate
    }
}
