import SitmonCore

/// libFuzzer entry point: the dataset loader must never crash, hang or grow without bound on any input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDatasetLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? DatasetLoader.load(bytes: bytes, name: "fuzz")
    return 0
}
