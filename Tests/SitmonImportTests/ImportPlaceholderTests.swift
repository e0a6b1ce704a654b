import Testing
@testable import SitmonCore

@Test func importTargetBuilds() {
    #expect(Category(rawValue: "armed-clash") == .armedClash)
}
