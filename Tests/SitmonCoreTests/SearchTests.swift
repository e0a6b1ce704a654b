import Foundation
import Testing
@testable import SitmonCore

/// Finding people, groups and places the way a user types them: without accents, in any case, by alias,
/// with straight or typographic apostrophes.
@Suite("Search and lookup")
struct SearchTests {
    let small: QueryEngine
    let bundled: QueryEngine

    init() throws {
        small = QueryEngine(dataset: try Load.small())
        bundled = QueryEngine(dataset: try Load.bundled())
    }

    func folded(_ text: String) -> String { String(decoding: TextFolding.fold(text), as: UTF8.self) }

    // MARK: Folding

    @Test(
        "folding removes case and Latin accents",
        arguments: [
            ("Goïta", "goita"), ("Ségou", "segou"), ("KEÏTA", "keita"), ("Ménaka", "menaka"),
            ("Taoudénit", "taoudenit"),
            ("Côte d'Ivoire", "cote d'ivoire"), ("Dioïla", "dioila"), ("ÉTAT ISLAMIQUE", "etat islamique"),
            ("Straße", "strasse"), ("Œuvre", "oeuvre"), ("Æther", "aether"), ("Ñ", "n"), ("Jamāʿat", "jama\u{02BF}at"),
            ("plain ascii 123", "plain ascii 123"),
        ])
    func folding(text: String, expected: String) {
        #expect(folded(text) == expected)
    }

    @Test("typographic apostrophes fold to straight ones")
    func apostrophes() {
        #expect(folded("N’Daw") == "n'daw")
        #expect(folded("N‘Daw") == "n'daw")
        #expect(folded("N'Daw") == "n'daw")
    }

    @Test("every letter of Latin Extended-A folds to its own base letter")
    func latinExtendedA() {
        #expect(folded("Łódź") == "lodz")
        #expect(folded("Śląsk") == "slask")
        #expect(folded("Ōsaka") == "osaka")
        #expect(folded("Ţara") == "tara")
        #expect(folded("Ŵŷź") == "wyz")
        // Letters before U+0143 are right.
        #expect(folded("ĀāČčĎĒĞİŁł") == "aaccdegill")
    }

    // MARK: Text search in the view

    @Test("\"goita\" finds Goïta's records")
    func goitaText() {
        #expect(small.recordIds(small.run(Filter(text: "goita"))) == ["ev-2020-08-18-coup", "ev-2021-05-24-coup"])
        #expect(small.actorsMatching("goita") == [0])
        #expect(small.actorsMatching("GOÏTA") == [0])
    }

    @Test("\"segou\" finds Ségou as a region and in the text of records elsewhere")
    func segouText() throws {
        #expect(small.regionsMatching("segou") == [try small.region("segou")])
        // Records in Ségou, plus the Mopti report whose summary mentions Ségou.
        let expected = [
            "ev-2020-06-protest", "inc-2020-11-02-segou", "ev-2021-centre-report", "inc-2021-03-05-segou",
            "inc-2021-04-10-segou",
        ]
        #expect(small.recordIds(small.run(Filter(text: "segou"))) == expected)
        #expect(small.recordIds(small.run(Filter(text: "SÉGOU"))) == expected)
        #expect(small.recordIds(small.run(Filter(text: "towards ségou"))) == ["ev-2021-centre-report"])
    }

    @Test("text search looks at titles, derived titles, summaries, locations and targets")
    func textFields() {
        #expect(small.recordIds(small.run(Filter(text: "farabougou"))) == ["inc-2021-03-05-segou"])  // location
        // derived
        #expect(small.recordIds(small.run(Filter(text: "Attack in Farabougou"))) == ["inc-2021-03-05-segou"])
        #expect(small.recordIds(small.run(Filter(text: "civilians"))) == ["inc-2020-02-14-bandiagara"])  // target
        #expect(small.recordIds(small.run(Filter(text: "granaries"))) == ["inc-2021-04-10-segou"])  // summary
        #expect(small.recordIds(small.run(Filter(text: "sevare"))) == ["inc-2019-06-10-mopti"])  // title and location
        #expect(small.recordIds(small.run(Filter(text: "abduction in mopti"))) == ["inc-2021-09-01-mopti"])
        #expect(small.run(Filter(text: "no such words")).records.isEmpty)
    }

    @Test("text search combines with the other filters")
    func textAndFilters() throws {
        let filter = Filter(regions: [try small.region("segou")], text: "jnim")
        #expect(small.recordIds(small.run(filter)) == ["inc-2021-03-05-segou", "inc-2021-04-10-segou"])
    }

    @Test("\"KEITA\" finds Keïta, and an alias finds its actor")
    func keita() throws {
        let ibk = try bundled.actor("ibk")
        #expect(bundled.actorsMatching("KEITA") == [ibk])
        #expect(bundled.actorsMatching("Keïta") == [ibk])
        #expect(small.actorsMatching("Macina Brigade") == [try small.actor("katiba-macina")])
        #expect(small.actorsMatching("eigs") == [try small.actor("isgs")])
        let view = bundled.run(Filter(text: "KEITA"))
        #expect(!view.records.isEmpty)
        #expect(
            view.records.allSatisfy { r in
                bundled.dataset.records.actors(Int(r)).contains(ibk)
                    || folded(bundled.dataset.title(Int(r))).contains("keita")
                    || folded(bundled.dataset.records.summary(Int(r)) ?? "").contains("keita")
            })
    }

    @Test("N’Daw with a typographic apostrophe matches \"n'daw\", and the other way round")
    func ndaw() throws {
        let ndaw = try small.actor("ndaw")
        #expect(small.actorsMatching("n'daw") == [ndaw])
        #expect(small.actorsMatching("N’Daw") == [ndaw])
        // The title is written with ’; the search with '.
        #expect(small.recordIds(small.run(Filter(text: "n'daw detained"))) == ["ev-2021-05-24-coup"])
        #expect(small.recordIds(small.run(Filter(text: "N’DAW"))) == ["ev-2021-05-24-coup"])
    }

    @Test("bundled: \"segou\" finds the Ségou region and the Yangasso attack")
    func bundledSegou() throws {
        let segou = try bundled.region("segou")
        #expect(bundled.regionsMatching("segou") == [segou])
        let ids = bundled.recordIds(bundled.run(Filter(text: "segou")))
        #expect(ids.contains("inc-2020-yangasso"))
        // Every record of the region is found by its name (other records may mention Ségou in their text).
        #expect(Set(bundled.recordIds(bundled.run(Filter(regions: [segou])))).isSubset(of: Set(ids)))
    }

    // MARK: Lookup (the CLI's --actor and --region)

    @Test(
        "an actor is found by id, short name, name or alias, in any case and with or without accents",
        arguments: [
            "jnim", "JNIM", "jNiM", "Jama'at Nusrat al-Islam wal-Muslimin", "GSIM",
            "Group to Support Islam and Muslims",
            "  jnim  ", "Groupe de soutien à l'islam et aux musulmans", "Groupe de soutien a l'islam et aux musulmans",
        ])
    func lookupJNIM(query: String) throws {
        #expect(Lookup.actor(query, in: bundled) == .found(try bundled.actor("jnim")))
    }

    @Test(
        "people are found the way they are typed",
        arguments: [
            ("goita", "goita"), ("Goïta", "goita"), ("Assimi Goita", "goita"), ("KEITA", "ibk"), ("Keïta", "ibk"),
            ("IBK", "ibk"), ("N’Daw", "ndaw"), ("n'daw", "ndaw"), ("ndaw", "ndaw"), ("Bah N'Daw", "ndaw"),
            ("Traore", "dioncounda"), ("choguel", "choguel-maiga"), ("barkh", "barkhane"),
            ("Macina Brigade", "katiba-macina"),
        ])
    func lookupPeople(query: String, id: String) throws {
        #expect(Lookup.actor(query, in: bundled) == .found(try bundled.actor(id)))
    }

    @Test(
        "regions are found by id, name, ISO code or alias",
        arguments: [
            ("segou", "segou"), ("Ségou", "segou"), ("SEGOU", "segou"), ("ML-4", "segou"), ("Timbuktu", "tombouctou"),
            ("menaka", "menaka"), ("Bamako District", "bamako"), ("BFA", "burkina-faso"),
            ("Cote d'Ivoire", "cote-divoire"),
        ])
    func lookupRegions(query: String, id: String) throws {
        #expect(Lookup.region(query, in: bundled) == .found(try bundled.region(id)))
    }

    @Test("an unknown name returns the closest names, best first")
    func suggestions() throws {
        guard case .notFound(let typo) = Lookup.actor("jnm", in: bundled) else {
            Issue.record("\"jnm\" should not be found")
            return
        }
        #expect(typo.first == "JNIM")
        #expect(typo.count <= 5)

        guard case .notFound(let goitta) = Lookup.actor("Goitta", in: bundled) else {
            Issue.record("\"Goitta\" should not be found")
            return
        }
        #expect(goitta.first == "Goïta")

        guard case .notFound(let nobody) = Lookup.actor("nobody", in: bundled) else {
            Issue.record("\"nobody\" should not be found")
            return
        }
        #expect(!nobody.isEmpty && nobody.count <= 5)
        #expect(Set(nobody).count == nobody.count)

        guard case .notFound(let region) = Lookup.region("Segu", in: bundled) else {
            Issue.record("\"Segu\" should not be found")
            return
        }
        #expect(region.first == "Ségou")
    }

    @Test("an ambiguous partial name is not guessed: both candidates are suggested")
    func ambiguous() {
        guard case .notFound(let suggestions) = Lookup.actor("maiga", in: bundled) else {
            Issue.record("\"maiga\" matches two actors and should not pick one")
            return
        }
        #expect(Array(suggestions.prefix(2)).sorted() == ["Choguel Maïga", "Gen. Abdoulaye Maïga"])
    }

    @Test("an empty query finds nothing and suggests nothing")
    func emptyQuery() {
        #expect(Lookup.actor("", in: bundled) == .notFound(suggestions: []))
        #expect(Lookup.region("   ", in: bundled) == .notFound(suggestions: []))
    }
}
