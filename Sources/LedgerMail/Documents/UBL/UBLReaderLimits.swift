/// Bounds that keep one hostile mail from exhausting the gateway.
public struct UBLReaderLimits: Sendable {
    public var maxDocumentBytes: Int
    /// Per decoded attachment; larger ones are skipped with a warning.
    public var maxAttachmentBytes: Int
    /// Real UBL nests about 10 deep; anything near this is an attack.
    public var maxElementDepth: Int

    public init(
        maxDocumentBytes: Int = 50 * 1024 * 1024,
        maxAttachmentBytes: Int = 40 * 1024 * 1024,
        maxElementDepth: Int = 256
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxAttachmentBytes = maxAttachmentBytes
        self.maxElementDepth = maxElementDepth
    }
}
