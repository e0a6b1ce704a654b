import SitmonCore

extension AppState {
    /// Adds an actor to the filter, or removes it when it is there, as one undo step, and says which in the footer
    /// ("Filter: + actor JNIM", "Filter: − actor JNIM"). Enter in Actors, the actor picker and `f` in the relations
    /// view all say it so (the dialogs through their outcome).
    mutating func toggleInFilter(actor: Int32) {
        var filter = self.filter
        filter.toggle(actor: actor)
        runFilter(filter)
        message = .filterToggled("actor", dataset.actorLabel(actor), added: filter.actors.contains(actor))
    }

    /// Adds a region to the filter, or removes it, as `toggleInFilter(actor:)` ("Filter: + region Mopti").
    mutating func toggleInFilter(region: Int32) {
        var filter = self.filter
        filter.toggle(region: region)
        runFilter(filter)
        message = .filterToggled("region", dataset.regionLabel(region), added: filter.regions.contains(region))
    }
}

extension StatusMessage {
    /// "Filter: + actor JNIM" when an item was added to the filter, "Filter: − actor JNIM" when it was removed.
    static func filterToggled(_ kind: String, _ name: String, added: Bool) -> StatusMessage {
        StatusMessage("Filter: " + (added ? "+ " : "− ") + kind + " " + name)
    }
}
