import Testing
@testable import SitmonCore

@Test func hardeningTargetBuilds() {
    #expect(DatasetDecoder.isValidId(Array("ok".utf8).withUnsafeBufferPointer { $0 }) == true)
}
