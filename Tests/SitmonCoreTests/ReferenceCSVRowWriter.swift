@testable import SitmonCore

/// The CSV row writer as it was before it wrote from the store's bytes (session 10): through `String`s and
/// `RecordStore.origin(_:)`. The tests hold `CSVRowWriter` to the bytes of this one.
struct ReferenceCSVRowWriter: Sendable {
    let store: RecordStore
    let actorNames: [String]
    let regionNames: [String]
    let sourceIds: [String]
    let roleNames: [String]
    var others: [String] = []
    var perpetrators: [String] = []

    init(_ dataset: Dataset) {
        store = dataset.records
        actorNames = dataset.actors.map(\.name)  // full names, as the source writes them
        regionNames = dataset.regions.map(\.name)
        sourceIds = dataset.sources.map(\.id)
        roleNames = (0..<store.symbols.count).map { [store] in store.symbols.key(Int32($0)) }
    }

    func names(_ list: some Sequence<Int32>, _ table: [String]) -> String {
        list.compactMap { $0 >= 0 && Int($0) < table.count ? table[Int($0)] : nil }.joined(separator: "; ")
    }

    /// The title `RecordStore.title` gives record `i` ("?" for a region out of the table). Not kept by category and
    /// place, as the writer once kept them: a record whose first region is -1 and one without regions had the same
    /// key, and the first one's title was written for both.
    func title(_ i: Int) -> String {
        let regionNames = regionNames  // the closure captures only the names, not the whole writer
        return store.title(i) { r in r >= 0 && Int(r) < regionNames.count ? regionNames[Int(r)] : "?" }
    }

    /// Appends one row per record in `records`, in that order.
    mutating func write(_ records: ArraySlice<Int32>, into out: inout ByteWriter) {
        for r in records {
            let i = Int(r)
            let date = store.date(i)
            out.append(store.kinds[i].name); out.append(",")
            out.appendCSVField(store.id(i)); out.append(",")
            out.append(date.description); out.append(",")
            out.append(date.precision.name); out.append(",")
            out.append(store.end(i)?.description ?? ""); out.append(",")
            let time = i < store.times.count ? store.times[i] : -1
            out.append(time >= 0 ? String(time / 60).leftPadded(2) + ":" + String(time % 60).leftPadded(2) : "")
            out.append(",")
            out.append(store.categories[i].rawValue); out.append(",")
            out.append(store.severities[i].rawValue); out.append(",")
            out.appendCSVField(title(i)); out.append(",")
            out.appendCSVField(names(store.regions(i), regionNames)); out.append(",")
            out.appendCSVField(store.location(i) ?? ""); out.append(",")
            out.append(store.latitudes[i].isNaN ? "" : String(store.latitudes[i])); out.append(",")
            out.append(store.longitudes[i].isNaN ? "" : String(store.longitudes[i])); out.append(",")
            others.removeAll(keepingCapacity: true)
            perpetrators.removeAll(keepingCapacity: true)
            for k in Int(store.actorOffsets[i])..<Int(store.actorOffsets[i + 1]) {
                let actor = store.actorRefs[k], role = store.actorRoles[k]
                guard actor >= 0 && Int(actor) < actorNames.count else { continue }
                if role == store.perpetratorSymbol {
                    perpetrators.append(actorNames[Int(actor)])
                } else {
                    let roleName = role >= 0 && Int(role) < roleNames.count ? roleNames[Int(role)] : ""
                    others.append("\(actorNames[Int(actor)]) (\(roleName))")
                }
            }
            out.appendCSVField(others.joined(separator: "; "))
            out.append(",")
            out.appendCSVField(perpetrators.joined(separator: "; "))
            out.append(",")
            out.appendCSVField(store.target(i) ?? ""); out.append(",")
            let f = store.fatalities(i)
            out.append(f?.best.map(String.init) ?? ""); out.append(",")
            out.append(f?.low.map(String.init) ?? ""); out.append(",")
            out.append(f?.high.map(String.init) ?? ""); out.append(",")
            out.appendCSVField(store.summary(i) ?? ""); out.append(",")
            out.appendCSVField(store.originalType(i) ?? ""); out.append(",")
            out.appendCSVField(names(store.sources(i), sourceIds))
            // What the source says, verbatim: ids, precisions, admin units, scale, tags.
            if let origin = store.origin(i) {
                out.append(",")
                out.appendCSVField(origin.idsText); out.append(",")
                out.appendCSVField(origin.datePrecision ?? ""); out.append(",")
                out.appendCSVField(origin.geoPrecision ?? ""); out.append(",")
                out.appendCSVField(origin.admin1 ?? ""); out.append(",")
                out.appendCSVField(origin.admin2 ?? ""); out.append(",")
                out.appendCSVField(origin.admin3 ?? ""); out.append(",")
                out.appendCSVField(origin.sourceScale ?? ""); out.append(",")
                out.appendCSVField(origin.tags.joined(separator: "; "))
            } else {
                out.append(",,,,,,,,")
            }
            out.append("\r\n")
        }
    }
}
