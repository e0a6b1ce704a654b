import SitmonCore

/// A search for a row that waits for the records' search text (built on the second core after the first frame):
/// n or N, or Enter on a `/` query not found yet among the rows tested one by one. `AppState.waitingSearch` holds
/// it; `.searchTextReady` runs it (`Update.runSearch`); any other key drops it, so that a late answer never moves
/// a cursor the user has moved since.
public struct WaitingSearch: Sendable, Hashable {
    public var pane: Pane
    public var query: String
    /// The first row tested, and the direction.
    public var start: Int
    public var forward: Bool
    /// The row selected when the search was asked for (a match there is the only one).
    public var current: Int
    /// True for Enter in `/` (its message says how to go on, and a query found nowhere unlights the pane); false for
    /// n and N.
    public var kept: Bool
}
