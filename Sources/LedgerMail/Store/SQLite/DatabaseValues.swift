import GRDB

// The domain's enums as database values: stored by their raw value, compared as themselves.
extension DeliveryState: DatabaseValueConvertible {}
extension DocumentKind: DatabaseValueConvertible {}
extension DocumentRoot: DatabaseValueConvertible {}
extension InboundKind: DatabaseValueConvertible {}
extension Language: DatabaseValueConvertible {}
extension DispatchPolicy: DatabaseValueConvertible {}
extension AttachPolicy: DatabaseValueConvertible {}
