import CCrypto

/// AES-256-GCM through OpenSSL's EVP interface: the one primitive the credential vault builds on.
public enum AESGCM {
    /// Key length in bytes (AES-256).
    public static let keySize = 32
    /// Nonce length in bytes (96 bits, as GCM recommends).
    public static let nonceSize = 12
    /// Authentication tag length in bytes.
    public static let tagSize = 16

    /// A sealed message: ciphertext and its 16-byte authentication tag.
    public struct Sealed: Sendable, Hashable {
        /// The encrypted bytes.
        public let ciphertext: [UInt8]
        /// The tag that proves key, nonce, associated data and ciphertext belong together.
        public let tag: [UInt8]

        /// A sealed box from its parts.
        public init(ciphertext: [UInt8], tag: [UInt8]) {
            self.ciphertext = ciphertext
            self.tag = tag
        }
    }

    /// Encrypts `plaintext` with `key` and `nonce`, authenticating `aad` as well.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8] = []) throws(VaultError)
        -> Sealed
    {
        guard key.count == keySize else { throw .malformedKey("the key is \(key.count) bytes, 32 are needed") }
        guard nonce.count == nonceSize else { throw .cryptoFailure("nonce must be 12 bytes") }
        guard let context = EVP_CIPHER_CTX_new() else { throw .cryptoFailure("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceSize), nil) == 1,
            EVP_EncryptInit_ex(context, nil, nil, key, nonce) == 1
        else { throw .cryptoFailure("cannot initialise AES-256-GCM") }
        var length: Int32 = 0
        if !aad.isEmpty {
            guard EVP_EncryptUpdate(context, nil, &length, aad, Int32(aad.count)) == 1 else {
                throw .cryptoFailure("cannot authenticate the associated data")
            }
        }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var written: Int32 = 0
        if !plaintext.isEmpty {
            guard EVP_EncryptUpdate(context, &ciphertext, &written, plaintext, Int32(plaintext.count)) == 1 else {
                throw .cryptoFailure("encryption failed")
            }
        }
        var final: Int32 = 0
        let finalOK = ciphertext.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(context, buffer.baseAddress! + Int(written), &final) == 1
        }
        guard finalOK else { throw .cryptoFailure("encryption failed") }
        ciphertext.removeSubrange(Int(written + final)...)
        var tag = [UInt8](repeating: 0, count: tagSize)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), &tag) == 1 else {
            throw .cryptoFailure("cannot read the authentication tag")
        }
        return Sealed(ciphertext: ciphertext, tag: tag)
    }

    /// Decrypts and verifies. Any change to the ciphertext, tag, nonce, key or `aad` fails with
    /// `VaultError.authenticationFailed`; no plaintext is returned in that case.
    public static func open(_ sealed: Sealed, key: [UInt8], nonce: [UInt8], aad: [UInt8] = []) throws(VaultError)
        -> [UInt8]
    {
        guard key.count == keySize else { throw .malformedKey("the key is \(key.count) bytes, 32 are needed") }
        guard nonce.count == nonceSize, sealed.tag.count == tagSize else { throw .authenticationFailed }
        guard let context = EVP_CIPHER_CTX_new() else { throw .cryptoFailure("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceSize), nil) == 1,
            EVP_DecryptInit_ex(context, nil, nil, key, nonce) == 1
        else { throw .cryptoFailure("cannot initialise AES-256-GCM") }
        var length: Int32 = 0
        if !aad.isEmpty {
            guard EVP_DecryptUpdate(context, nil, &length, aad, Int32(aad.count)) == 1 else {
                throw .authenticationFailed
            }
        }
        var plaintext = [UInt8](repeating: 0, count: sealed.ciphertext.count + 16)
        var written: Int32 = 0
        if !sealed.ciphertext.isEmpty {
            guard
                EVP_DecryptUpdate(context, &plaintext, &written, sealed.ciphertext, Int32(sealed.ciphertext.count)) == 1
            else { throw .authenticationFailed }
        }
        var tag = sealed.tag
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), &tag) == 1 else {
            throw .authenticationFailed
        }
        var final: Int32 = 0
        let verified = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(written), &final) == 1
        }
        guard verified else {
            plaintext.withUnsafeMutableBytes { raw in
                if let base = raw.baseAddress { OPENSSL_cleanse(base, raw.count) }
            }
            throw .authenticationFailed
        }
        plaintext.removeSubrange(Int(written + final)...)
        return plaintext
    }

    /// Cryptographically secure random bytes from OpenSSL's generator.
    public static func randomBytes(_ count: Int) throws(VaultError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw .cryptoFailure("the random generator failed") }
        return bytes
    }
}
