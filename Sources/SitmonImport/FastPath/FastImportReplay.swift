import SitmonCore

/// The builder calls the halves of a fast import logged (`FastImportHalf.Call`), replayed in file order through one
/// `ImportBuilder`: the dataset's actors, places and sources, and each half's map from its local numbers to theirs.
/// The first half's calls are replayed as soon as it has read its rows (`FastImport.load`), while the second half
/// may still be reading; the second half's follow in the merge.
struct FastImportReplay {
    /// A half's local actor keys, regions and publications (0: the file's own source) → the builder's indexes.
    struct Maps {
        var actors: [Int32], regions: [Int32], sources: [Int32]
    }

    var builder: ImportBuilder
    /// The halves' warnings, with rows and lines counted from the file's start (sorted by the merge).
    var warnings: [FastImportHalf.Warning] = []
    private let sourceNote: String
    /// The actors the builder's tables have room for.
    private var reservedActors = 0

    init(context: ImportContext, options: ImportOptions) {
        builder = ImportBuilder(
            file: context.file,
            fileSource: context.report.format == .acled
                ? ACLEDImporter.fileSource(context.fileName) : UCDPImporter.fileSource(context.fileName),
            jihadist: options.jihadistPatterns)
        sourceNote = context.report.format == .acled ? ACLEDImporter.sourceNote : UCDPImporter.sourceNote
    }

    /// Replays `half`'s calls (its rows and lines start after `rowOffset` and `lineOffset`); nil when two of its
    /// actors or publications came out as one of the builder's, which only the general path tells apart.
    mutating func replay(_ half: FastImportHalf, lineOffset: Int, rowOffset: Int) -> Maps? {
        // Room for the actors of both halves at the first replay (the second half meets mostly the same ones):
        // reserving again at the second would rehash the builder's tables of 20,000 actors (18 ms).
        let needed = builder.actors.count + half.actorKeyCount
        if needed > reservedActors {
            reservedActors = max(needed, 2 * half.actorKeyCount)
            builder.reserve(actors: reservedActors)
        }
        var maps = Maps(
            actors: Array(repeating: -1, count: half.actorKeyCount),
            regions: Array(repeating: -1, count: half.rawRegionNames.count),
            sources: Array(repeating: -1, count: half.publicationCount + 1))
        maps.sources[0] = builder.fileSource
        for call in half.calls {
            switch call {
            case .actor(let raw, let inter, let kindHint):
                let global = builder.actor(
                    half.rawActorName[Int(raw)], inter: inter, kindHint: kindHint,
                    facts: half.rawActorFacts[Int(raw)])
                let key = Int(half.rawActorKey[Int(raw)])
                if maps.actors[key] >= 0 && maps.actors[key] != global { return nil }
                maps.actors[key] = global
            case .region(let raw, let iso3, let line, let row):
                let before = builder.warnings.count
                let names = half.rawRegionNames[Int(raw)]
                guard
                    let global = builder.region(
                        admin1: names.admin1, country: names.country, iso3: iso3, line: line + lineOffset,
                        row: row + rowOffset)
                else { return nil }
                maps.regions[Int(raw)] = global
                for w in builder.warnings[before...] {
                    warnings.append(
                        FastImportHalf.Warning(
                            row: row + rowOffset, line: line + lineOffset, phase: 1, message: w.message))
                }
            case .citations(let list):
                let globals = builder.citations(half.listStrings[Int(list)], note: sourceNote)
                let locals = half.listPublications[Int(list)]
                guard globals.count == locals.count + 1 else { return nil }
                for (local, global) in zip(locals, globals.dropFirst()) {
                    if maps.sources[Int(local) + 1] >= 0 && maps.sources[Int(local) + 1] != global { return nil }
                    maps.sources[Int(local) + 1] = global
                }
            }
        }
        // One local actor or publication per global one (two spellings the general path takes for one, by
        // Unicode equivalence, would give a record the same actor twice).
        if !FastImport.isOneToOne(maps.actors[...]) || !FastImport.isOneToOne(maps.sources.dropFirst()) {
            return nil
        }
        for w in half.warnings {
            var moved = w
            moved.row += rowOffset
            moved.line += lineOffset
            warnings.append(moved)
        }
        return maps
    }
}
