extension DatasetDecoder {
    mutating func decodeInfo() throws(JSONSyntaxError) {
        let path = "$.dataset"
        let offset = reader.valueOffset()
        try reader.beginObject()
        var info = DatasetInfo(id: "", title: "")
        var hasId = false, hasTitle = false
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.infoFields, &seen, path) { continue }
            if reader.span(key, equals: "id") {
                info.id = try readString(path + ".id") ?? ""; hasId = true
            } else if reader.span(key, equals: "title") {
                info.title = try readString(path + ".title") ?? ""; hasTitle = true
            } else if reader.span(key, equals: "description") {
                info.description = try readString(path + ".description") ?? ""
            } else if reader.span(key, equals: "asOf") {
                info.asOf = try readDate(path + ".asOf")
            } else if reader.span(key, equals: "licence") {
                info.licence = try readString(path + ".licence") ?? ""
            } else if reader.span(key, equals: "attribution") {
                info.attribution = try readString(path + ".attribution") ?? ""
            } else {
                try unknownField(path, key)
            }
        }
        requireField(hasId, path, "id", at: offset)
        requireField(hasTitle, path, "title", at: offset)
        self.info = info
    }

    mutating func decodeSource(_ index: Int) throws(JSONSyntaxError) {
        let path = "$.sources[\(index)]"
        let offset = reader.valueOffset()
        try reader.beginObject()
        var source = Source(id: "", title: "")
        var hasId = false, hasTitle = false
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.sourceFields, &seen, path) { continue }
            if reader.span(key, equals: "id") {
                hasId = true
                if let span = try readId(.sources, sources.count, element: index, path + ".id") {
                    source.id = reader.string(span)
                }
            } else if reader.span(key, equals: "title") {
                source.title = try readString(path + ".title") ?? ""; hasTitle = true
            } else if reader.span(key, equals: "publisher") {
                source.publisher = try readString(path + ".publisher")
            } else if reader.span(key, equals: "authors") {
                source.authors = try readStrings(path + ".authors")
            } else if reader.span(key, equals: "date") {
                source.date = try readDate(path + ".date")
            } else if reader.span(key, equals: "url") {
                source.url = try readString(path + ".url")
            } else if reader.span(key, equals: "accessed") {
                source.accessed = try readDate(path + ".accessed")
            } else if reader.span(key, equals: "document") {
                source.document = try readString(path + ".document")
            } else if reader.span(key, equals: "note") {
                source.note = try readString(path + ".note")
            } else {
                try unknownField(path, key)
            }
        }
        requireField(hasId, path, "id", at: offset)
        requireField(hasTitle, path, "title", at: offset)
        sources.append(source)
    }

    mutating func decodeRoles(_ path: String) throws(JSONSyntaxError) -> [ActorRole] {
        try readObjects(path, array: "an array of roles", expected: "a role object") {
            (d: inout DatasetDecoder, rolePath, roleOffset) throws(JSONSyntaxError) in
            var role = ActorRole(title: "")
            var hasTitle = false
            var seen: UInt32 = 0
            while let key = try d.reader.nextKey() {
                if try d.skipRepeatedField(key, Self.roleFields, &seen, rolePath) { continue }
                if d.reader.span(key, equals: "title") {
                    role.title = try d.readString(rolePath + ".title") ?? ""; hasTitle = true
                } else if d.reader.span(key, equals: "start") {
                    role.start = try d.readDate(rolePath + ".start")
                } else if d.reader.span(key, equals: "end") {
                    role.end = try d.readDate(rolePath + ".end")
                } else if d.reader.span(key, equals: "sources") {
                    role.sources = try d.readExpectedReferences(.sources, rolePath + ".sources")
                } else {
                    try d.unknownField(rolePath, key)
                }
            }
            d.requireField(hasTitle, rolePath, "title", at: roleOffset)
            d.checkPeriod(role.start, role.end, rolePath, at: roleOffset)
            return role
        }
    }

    mutating func decodeActor(_ index: Int) throws(JSONSyntaxError) {
        let path = "$.actors[\(index)]"
        let offset = reader.valueOffset()
        try reader.beginObject()
        var actor = Actor(id: "", name: "", kind: .other)
        var hasId = false, hasName = false, hasKind = false
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.actorFields, &seen, path) { continue }
            if reader.span(key, equals: "id") {
                hasId = true
                if let span = try readId(.actors, actors.count, element: index, path + ".id") {
                    actor.id = reader.string(span)
                }
            } else if reader.span(key, equals: "name") {
                actor.name = try readString(path + ".name") ?? ""; hasName = true
            } else if reader.span(key, equals: "shortName") {
                actor.shortName = try readString(path + ".shortName")
            } else if reader.span(key, equals: "aliases") {
                actor.aliases = try readStrings(path + ".aliases")
            } else if reader.span(key, equals: "kind") {
                hasKind = true
                if let kind = try readEnum(ActorKind.self, path + ".kind") { actor.kind = kind }
            } else if reader.span(key, equals: "parent") {
                actor.parent = try readExpectedReference(.actors, path + ".parent")
            } else if reader.span(key, equals: "roles") {
                actor.roles = try decodeRoles(path + ".roles")
            } else if reader.span(key, equals: "summary") {
                actor.summary = try readString(path + ".summary")
            } else if reader.span(key, equals: "sources") {
                actor.sources = try readExpectedReferences(.sources, path + ".sources")
            } else {
                try unknownField(path, key)
            }
        }
        requireField(hasId, path, "id", at: offset)
        requireField(hasName, path, "name", at: offset)
        requireField(hasKind, path, "kind", at: offset)
        requireSources(actor.sources, path, at: offset)
        actors.append(actor)
    }

    mutating func decodeRelation(_ index: Int) throws(JSONSyntaxError) {
        let path = "$.relations[\(index)]"
        let offset = reader.valueOffset()
        try reader.beginObject()
        var relation = Relation(id: "", kind: .other, from: -1, to: -1)
        var hasId = false, hasKind = false
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.relationFields, &seen, path) { continue }
            if reader.span(key, equals: "id") {
                hasId = true
                if let span = try readId(.relations, relations.count, element: index, path + ".id") {
                    relation.id = reader.string(span)
                }
            } else if reader.span(key, equals: "kind") {
                hasKind = true
                if let kind = try readEnum(RelationKind.self, path + ".kind") { relation.kind = kind }
            } else if reader.span(key, equals: "from") {
                if let s = try readExpectedReference(.actors, path + ".from") { relation.from = s }
            } else if reader.span(key, equals: "to") {
                if let s = try readExpectedReference(.actors, path + ".to") { relation.to = s }
            } else if reader.span(key, equals: "start") {
                relation.start = try readDate(path + ".start")
            } else if reader.span(key, equals: "end") {
                relation.end = try readDate(path + ".end")
            } else if reader.span(key, equals: "note") {
                relation.note = try readString(path + ".note")
            } else if reader.span(key, equals: "sources") {
                relation.sources = try readExpectedReferences(.sources, path + ".sources")
            } else {
                try unknownField(path, key)
            }
        }
        requireField(hasId, path, "id", at: offset)
        requireField(hasKind, path, "kind", at: offset)
        requireField(relation.from >= 0, path, "from", at: offset)
        requireField(relation.to >= 0, path, "to", at: offset)
        if relation.from >= 0 && relation.from == relation.to {
            problem(path, "a relation from an actor to itself", at: offset)
        }
        checkPeriod(relation.start, relation.end, path, at: offset)
        requireSources(relation.sources, path, at: offset)
        relations.append(relation)
    }

    mutating func decodePlace(_ path: String) throws(JSONSyntaxError) -> Place? {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return nil }
        guard kind == .object else {
            try mismatch(path, expected: "a place object {name, lat, lon}", found: kind, at: offset)
            return nil
        }
        try reader.beginObject()
        var name: String?, lat: Double?, lon: Double?
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.placeFields, &seen, path) { continue }
            if reader.span(key, equals: "name") {
                name = try readString(path + ".name")
            } else if reader.span(key, equals: "lat") {
                lat = try readLatitude(path + ".lat")
            } else if reader.span(key, equals: "lon") {
                lon = try readLongitude(path + ".lon")
            } else {
                try unknownField(path, key)
            }
        }
        guard let name, let lat, let lon else {
            problem(path, "a place needs name, lat and lon", at: offset)
            return nil
        }
        return Place(name: name, latitude: lat, longitude: lon)
    }

    mutating func readLatitude(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> Double? {
        let offset = reader.valueOffset()
        guard let v = try readNumber(path()) else { return nil }
        guard v >= -90 && v <= 90 else {
            problem(path(), "latitude \(v) is out of range (−90…90)", at: offset); return nil
        }
        return v
    }

    mutating func readLongitude(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> Double? {
        let offset = reader.valueOffset()
        guard let v = try readNumber(path()) else { return nil }
        guard v >= -180 && v <= 180 else {
            problem(path(), "longitude \(v) is out of range (−180…180)", at: offset); return nil
        }
        return v
    }

    mutating func decodeRegion(_ index: Int) throws(JSONSyntaxError) {
        let path = "$.regions[\(index)]"
        let offset = reader.valueOffset()
        try reader.beginObject()
        var region = Region(id: "", name: "", kind: .region, zone: .other)
        var hasId = false, hasName = false, hasKind = false, hasZone = false
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.regionFields, &seen, path) { continue }
            if reader.span(key, equals: "id") {
                hasId = true
                if let span = try readId(.regions, regions.count, element: index, path + ".id") {
                    region.id = reader.string(span)
                }
            } else if reader.span(key, equals: "name") {
                region.name = try readString(path + ".name") ?? ""; hasName = true
            } else if reader.span(key, equals: "aliases") {
                region.aliases = try readStrings(path + ".aliases")
            } else if reader.span(key, equals: "kind") {
                hasKind = true
                if let kind = try readEnum(RegionKind.self, path + ".kind") { region.kind = kind }
            } else if reader.span(key, equals: "iso") {
                region.iso = try readString(path + ".iso")
            } else if reader.span(key, equals: "zone") {
                hasZone = true
                if let zone = try readEnum(Zone.self, path + ".zone") { region.zone = zone }
            } else if reader.span(key, equals: "parent") {
                region.parent = try readExpectedReference(.regions, path + ".parent")
            } else if reader.span(key, equals: "capital") {
                region.capital = try decodePlace(path + ".capital")
            } else if reader.span(key, equals: "sources") {
                region.sources = try readExpectedReferences(.sources, path + ".sources")
            } else {
                try unknownField(path, key)
            }
        }
        requireField(hasId, path, "id", at: offset)
        requireField(hasName, path, "name", at: offset)
        requireField(hasKind, path, "kind", at: offset)
        requireField(hasZone, path, "zone", at: offset)
        requireSources(region.sources, path, at: offset)
        regions.append(region)
    }

    mutating func decodeAssessment(_ index: Int) throws(JSONSyntaxError) {
        let path = "$.assessments[\(index)]"
        let offset = reader.valueOffset()
        try reader.beginObject()
        var a = Assessment(id: "", region: -1, presence: .none, trend: .unknown, statement: "")
        var hasId = false, hasPresence = false, hasStatement = false
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.assessmentFields, &seen, path) { continue }
            if reader.span(key, equals: "id") {
                hasId = true
                if let span = try readId(.assessments, assessments.count, element: index, path + ".id") {
                    a.id = reader.string(span)
                }
            } else if reader.span(key, equals: "region") {
                if let s = try readExpectedReference(.regions, path + ".region") { a.region = s }
            } else if reader.span(key, equals: "start") {
                a.start = try readDate(path + ".start")
            } else if reader.span(key, equals: "end") {
                a.end = try readDate(path + ".end")
            } else if reader.span(key, equals: "presence") {
                hasPresence = true
                if let p = try readEnum(Presence.self, path + ".presence") { a.presence = p }
            } else if reader.span(key, equals: "trend") {
                if let t = try readEnum(Trend.self, path + ".trend") { a.trend = t }
            } else if reader.span(key, equals: "groups") {
                a.groups = try readExpectedReferences(.actors, path + ".groups")
            } else if reader.span(key, equals: "statement") {
                a.statement = try readString(path + ".statement") ?? ""; hasStatement = true
            } else if reader.span(key, equals: "sources") {
                a.sources = try readExpectedReferences(.sources, path + ".sources")
            } else {
                try unknownField(path, key)
            }
        }
        requireField(hasId, path, "id", at: offset)
        requireField(a.region >= 0, path, "region", at: offset)
        requireField(hasPresence, path, "presence", at: offset)
        requireField(hasStatement, path, "statement", at: offset)
        checkPeriod(a.start, a.end, path, at: offset)
        requireSources(a.sources, path, at: offset)
        assessments.append(a)
    }
}
