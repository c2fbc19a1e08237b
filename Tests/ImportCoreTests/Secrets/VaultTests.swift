import Foundation
import ImportCore
import TestSupport
import Testing

/// NIST AES-256-GCM known answers: the GCM specification's test cases 13 to 16 (McGrew & Viega,
/// as published by NIST) and entries of CAVP's gcmEncryptExtIV256.rsp (96-bit IV, 128-bit tag).
struct GCMVector: Sendable, CustomStringConvertible {
    let name: String, key: String, iv: String, aad: String, plaintext: String, ciphertext: String, tag: String
    var description: String { name }
}

let nistVectors: [GCMVector] = [
    GCMVector(
        name: "GCM spec test case 13", key: String(repeating: "0", count: 64), iv: String(repeating: "0", count: 24),
        aad: "", plaintext: "", ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b"),
    GCMVector(
        name: "GCM spec test case 14", key: String(repeating: "0", count: 64), iv: String(repeating: "0", count: 24),
        aad: "", plaintext: String(repeating: "0", count: 32), ciphertext: "cea7403d4d606b6e074ec5d3baf39d18",
        tag: "d0d1c8a799996bf0265b98b5d48ab919"),
    GCMVector(
        name: "GCM spec test case 15", key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
        iv: "cafebabefacedbaddecaf888", aad: "",
        plaintext:
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
        ciphertext:
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
        tag: "b094dac5d93471bdec1a502270e3cc6c"),
    GCMVector(
        name: "GCM spec test case 16", key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
        iv: "cafebabefacedbaddecaf888", aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
        plaintext:
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        ciphertext:
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
        tag: "76fc6ece0f4e1768cddf8853bb2d551b"),
    GCMVector(
        name: "CAVP PTlen=0 AADlen=0 Count=0", key: "b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4",
        iv: "516c33929df5a3284ff463d7", aad: "", plaintext: "", ciphertext: "", tag: "bdc1ac884d332457a1d2664f168c76f0"),
    GCMVector(
        name: "CAVP PTlen=128 AADlen=0 Count=0",
        key: "31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22", iv: "0d18e06c7c725ac9e362e1ce",
        aad: "", plaintext: "2db5168e932556f8089a0622981d017d", ciphertext: "fa4362189661d163fcd6a56d8bf0405a",
        tag: "d636ac1bbedd5cc3ee727dc2ab4a9489"),
    GCMVector(
        name: "CAVP PTlen=128 AADlen=128 Count=0",
        key: "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b", iv: "ac93a1a6145299bde902f21a",
        aad: "1e0889016f67601c8ebea4943bc23ad6", plaintext: "2d71bcfa914e4ac045b2aa60955fad24",
        ciphertext: "8995ae2e6df3dbf96fac7b7137bae67f", tag: "eca5aa77d51d4a0a14d9c51e1da474ab"),
    GCMVector(
        name: "CAVP PTlen=104 AADlen=160 Count=1",
        key: "97431e565e8370a4879de962746a2fd67eca868b1c8e51eece2c1f94f74af407", iv: "17fb63066e2726d282ecc610",
        aad: "78e7374da7c77be5938de8dd76cf0308618306a9", plaintext: "e21629cc973fbe40176e621d9d",
        ciphertext: "80dbd469de480389ba6c2fca52", tag: "4e284abb8b4f9f13c7497ae56df05fa5"),
    GCMVector(
        name: "CAVP PTlen=408 AADlen=720 Count=2",
        key: "c277df045d0a1a3956958f271055c229d2634427b1d73e99d54920da69f72e01", iv: "79e24f84bc77a21a6cb14ee2",
        aad:
            "ca09282238d492029afbd30ea9b4aa9d448d77b4b41a791c35ebe3f8e5034ac71210117a843fae647cea020712c27e5c8f85acf933d5e28430c7770862d8dbb197cbbcfe49dd63f6aa05fbd13e32c459342698dfee5935c7c321",
        plaintext:
            "5ca68d858cc30b1cb0514c4e9de98e1a1a835df401f69e9ec6f1bcb1158f09114dff551683b3827457f77e17a7097b1ea69eac",
        ciphertext:
            "5c5223c8eda59a8dc28b08e6c21482a46e5d84d32c7050bf144fc57f4e8094de133198da7b4b8398b167204aff837da15d9ab2",
        tag: "378885950a4491bee3cd681d3c957b9a"),
]

@Suite("AES-256-GCM and the credential vault")
struct VaultTests {
    @Test("encrypts NIST's known-answer vectors", arguments: nistVectors)
    func nistEncrypt(_ vector: GCMVector) throws {
        let sealed = try AESGCM.seal(
            hexBytes(vector.plaintext), key: hexBytes(vector.key), nonce: hexBytes(vector.iv), aad: hexBytes(vector.aad)
        )
        #expect(hexString(sealed.ciphertext) == vector.ciphertext)
        #expect(hexString(sealed.tag) == vector.tag)
    }

    @Test("decrypts NIST's known-answer vectors and rejects every flipped tag bit", arguments: nistVectors)
    func nistDecrypt(_ vector: GCMVector) throws {
        let sealed = AESGCM.Sealed(ciphertext: hexBytes(vector.ciphertext), tag: hexBytes(vector.tag))
        let plaintext = try AESGCM.open(
            sealed, key: hexBytes(vector.key), nonce: hexBytes(vector.iv), aad: hexBytes(vector.aad))
        #expect(hexString(plaintext) == vector.plaintext)
        for bit in [0, 7, 64, 127] {
            var tag = hexBytes(vector.tag)
            tag[bit / 8] ^= UInt8(1 << (bit % 8))
            #expect(throws: VaultError.authenticationFailed) {
                _ = try AESGCM.open(
                    AESGCM.Sealed(ciphertext: sealed.ciphertext, tag: tag), key: hexBytes(vector.key),
                    nonce: hexBytes(vector.iv), aad: hexBytes(vector.aad))
            }
        }
    }

    func vault() throws -> CredentialVault {
        CredentialVault(key: try EncryptionKey(encoded: String(repeating: "ab", count: 32), origin: "test"))
    }

    @Test("seal and open round-trip, with a fresh nonce each time and the versioned layout")
    func roundTrip() throws {
        let vault = try vault()
        let binding = CredentialVault.Binding(ownerID: 1, connectionName: "work")
        let first = try vault.seal(SecretString("ATATT3xFfGF0-token"), for: binding)
        let second = try vault.seal(SecretString("ATATT3xFfGF0-token"), for: binding)
        #expect(first != second)
        #expect(first[0] == CredentialVault.formatVersion)
        #expect(first.count == 1 + 12 + "ATATT3xFfGF0-token".utf8.count + 16)
        #expect(try vault.open(first, for: binding).reveal() == "ATATT3xFfGF0-token")
        #expect(!String(decoding: first, as: UTF8.self).contains("ATATT3x"))
    }

    @Test("tampering with any byte fails without returning plaintext")
    func tampering() throws {
        let vault = try vault()
        let binding = CredentialVault.Binding(ownerID: 1, connectionName: "work")
        let sealed = try vault.seal(SecretString("secret-token"), for: binding)
        for index in 1..<sealed.count {
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: VaultError.authenticationFailed) { _ = try vault.open(altered, for: binding) }
        }
        var wrongVersion = sealed
        wrongVersion[0] = 9
        #expect(throws: VaultError.unsupportedFormat("version 9")) { _ = try vault.open(wrongVersion, for: binding) }
        #expect(throws: VaultError.unsupportedFormat("too short")) { _ = try vault.open([1, 2, 3], for: binding) }
    }

    @Test("a wrong key fails cleanly")
    func wrongKey() throws {
        let binding = CredentialVault.Binding(ownerID: 1, connectionName: "work")
        let sealed = try vault().seal(SecretString("secret-token"), for: binding)
        let other = CredentialVault(key: try EncryptionKey.generate())
        #expect(throws: VaultError.authenticationFailed) { _ = try other.open(sealed, for: binding) }
    }

    @Test("a ciphertext moved to another row (owner or connection name) fails to open")
    func movedCiphertext() throws {
        let vault = try vault()
        let sealed = try vault.seal(SecretString("secret-token"), for: .init(ownerID: 1, connectionName: "work"))
        #expect(throws: VaultError.authenticationFailed) {
            _ = try vault.open(sealed, for: .init(ownerID: 2, connectionName: "work"))
        }
        #expect(throws: VaultError.authenticationFailed) {
            _ = try vault.open(sealed, for: .init(ownerID: 1, connectionName: "other"))
        }
    }

    @Test("keys: base64, URL-safe base64 and hex accepted; malformed and missing keys are clear errors")
    func keyParsing() throws {
        let raw = [UInt8](repeating: 7, count: 32)
        let base64 = Data(raw).base64EncodedString()
        _ = try EncryptionKey(encoded: base64, origin: "t")
        _ = try EncryptionKey(encoded: hexString(raw), origin: "t")
        _ = try EncryptionKey(encoded: base64.replacingOccurrences(of: "=", with: ""), origin: "t")
        #expect(throws: VaultError.self) { _ = try EncryptionKey(encoded: "short", origin: "t") }
        #expect(throws: VaultError.self) {
            _ = try EncryptionKey(encoded: Data(raw.prefix(16)).base64EncodedString(), origin: "t")
        }
        #expect(throws: VaultError.self) { _ = try EncryptionKey(encoded: "", origin: "t") }
        let folder = TemporaryDirectory()
        do {
            _ = try EncryptionKey.load(environment: ["HOME": folder.path])
            Issue.record("a missing key must fail")
        } catch {
            guard case .missingKey = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains("tributary init"))
        }
        let fromEnvironment = try EncryptionKey.load(environment: ["TRIBUTARY_ENCRYPTION_KEY": base64])
        #expect(fromEnvironment.origin == "TRIBUTARY_ENCRYPTION_KEY")
        #expect(!fromEnvironment.description.contains(base64))
    }

    @Test("key files: created 0600, refused when others can read them")
    func keyFilePermissions() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("config/tributary/key")
        let created = try EncryptionKey.createKeyFile(at: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let loaded = try EncryptionKey.fromKeyFile(path)
        let binding = CredentialVault.Binding(ownerID: 3, connectionName: "c")
        let sealed = try CredentialVault(key: created).seal(SecretString("x"), for: binding)
        #expect(try CredentialVault(key: loaded).open(sealed, for: binding).reveal() == "x")
        #expect(throws: VaultError.self) { try EncryptionKey.createKeyFile(at: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: VaultError.insecureKeyFile(path: path, mode: "644")) { _ = try EncryptionKey.fromKeyFile(path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: VaultError.insecureKeyFile(path: path, mode: "640")) { _ = try EncryptionKey.fromKeyFile(path) }
    }

    @Test("a key file in a folder others may write to is refused (a sticky folder such as /tmp is not)")
    func keyFolderPermissions() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("shared/key")
        try EncryptionKey.createKeyFile(at: path)
        let shared = folder.file("shared")
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: shared)
        #expect(throws: VaultError.insecureKeyFolder(path: shared, mode: "777")) {
            _ = try EncryptionKey.fromKeyFile(path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o775], ofItemAtPath: shared)
        #expect(throws: VaultError.insecureKeyFolder(path: shared, mode: "775")) {
            _ = try EncryptionKey.fromKeyFile(path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: shared)
        _ = try EncryptionKey.fromKeyFile(path)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: shared)
        _ = try EncryptionKey.fromKeyFile(path)
    }

    @Test("secrets never print themselves")
    func secretDescription() {
        let secret = SecretString("ATATT-very-secret")
        #expect("\(secret)" == "‹redacted›")
        #expect(
            String(describing: Credentials.emailToken(email: "a@b.c", token: "ATATT-very-secret")).contains("ATATT")
                == false)
    }
}
