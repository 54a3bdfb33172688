package io.confidentialai.sdk.impl.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked examples of {@code docs/sealed-format.md}, checked byte for byte. */
class SealedFormatTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Key 00 01 .. 1f, salt a0 a1 .. bf, kind 1, name "example.txt", chunk size 4096. */
    private static final byte[] KEY = SealFixtures.counting(0x00, 32);
    private static final byte[] SALT = SealFixtures.counting(0xa0, 32);
    private static final String NAME = "example.txt";

    private static final String EXAMPLE_1_SEALED = ""
            // header
            + "4353444b5345414c" + "01" + "01" + "c7793ee89cbc158a71d404938fc1ad3c" + "00001000"
            + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf" + "000b" + "6578616d706c652e747874"
            // record 0: data, 21 bytes
            + "01" + "00000015" + "0523c74f003e814561dbb01c8b1c5dc510565ce4a5" + "88898f17faedb5b1cda0e32894355f14"
            // record 1: manifest
            + "02" + "00000030"
            + "dafee76bb06d92af983165f53db377055eb7a306ae905591d702d69403ed5fe2cfd48493ae573e28fc247f696dfdd5c1"
            + "b5af276ee4f2ad55ce8960ccdd0dc25f";

    private static byte[] seal(byte[] plaintext) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SealingOutputStream s = SealingOutputStream.withSalt(out, KEY, SealedFormat.KIND_DATASET, NAME, 4096, SALT);
        s.write(plaintext);
        s.close();
        assertThat(s.sealedSha256()).isEqualTo(SealFixtures.sha256(out.toByteArray()));
        return out.toByteArray();
    }

    @Test
    void keyIdAndFileKeyOfTheExample() {
        assertThat(HEX.formatHex(SealedFormat.keyId(KEY))).isEqualTo("c7793ee89cbc158a71d404938fc1ad3c");
        byte[] header = Arrays.copyOf(HEX.parseHex(EXAMPLE_1_SEALED), SealedFormat.FIXED_HEADER_LENGTH + NAME.length());
        assertThat(header).isEqualTo(SealedFormat.header(1, SealedFormat.keyId(KEY), 4096, SALT, SealedFormat.encodeName(NAME)));
        assertThat(HEX.formatHex(SealFixtures.sha256(header))).isEqualTo("fa9405da9908545e00f7da0362de24c05c51e13b9e1ce71564e0eea95f44ac5b");
        assertThat(HEX.formatHex(SealedFormat.fileKey(KEY, SALT, header).getEncoded()))
                .isEqualTo("1befcfcd6be1843a2e85066c3dd76f04e8f4dd10b7133d6a45d1035e922d7269");
    }

    @Test
    void example1ShortTextIsByteExact() throws Exception {
        byte[] plaintext = "Hello, sealed world!\n".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal(plaintext);
        assertThat(HEX.formatHex(sealed)).isEqualTo(EXAMPLE_1_SEALED);
        assertThat(sealed).hasSize(186);
        assertThat(HEX.formatHex(SealFixtures.sha256(sealed))).isEqualTo("d9f5f93ab30e2bece55dc83dcdf6945a407518a483e8227c7131c27723747690");
        assertThat(HEX.formatHex(SealFixtures.sha256(plaintext))).isEqualTo("b255f8f0644707e55c81de9d0f6ca45a00aed69c0d007b08201a9469c61d0b1c");
        assertThat(SealFixtures.unseal(sealed, KEY)).isEqualTo(plaintext);
    }

    @Test
    void example2ThreeDataRecordsHasTheDocumentedDigest() throws Exception {
        byte[] plaintext = new byte[10000];
        for (int i = 0; i < plaintext.length; i++) {
            plaintext[i] = (byte) (i % 251);
        }
        byte[] sealed = seal(plaintext);
        assertThat(sealed).hasSize(10207);
        assertThat(HEX.formatHex(SealFixtures.sha256(sealed))).isEqualTo("4dfde15c940dde9b0853e55fd835f591e4de7c9e9c16f8e1c0c0589b7e6846fe");
        assertThat(HEX.formatHex(SealFixtures.sha256(plaintext))).isEqualTo("0cd0bf930677960951dda8588edcb6b293c0c3b26ef3ba72cddff4ddfc6822c7");
        assertThat(SealFixtures.unseal(sealed, KEY)).isEqualTo(plaintext);
    }

    @Test
    void nonceAndAadLayout() {
        byte[] nonce = new byte[12];
        SealedFormat.nonce(nonce, 0x0102030405060708L, SealedFormat.RECORD_MANIFEST);
        assertThat(HEX.formatHex(nonce)).isEqualTo("010203040506070800000002");
        byte[] aad = new byte[13];
        SealedFormat.aad(aad, SealedFormat.RECORD_DATA, 3, 4096);
        assertThat(HEX.formatHex(aad)).isEqualTo("01" + "0000000000000003" + "00001000");
    }

    @Test
    void chunkSizes() {
        assertThat(SealedFormat.isValidChunkSize(4096)).isTrue();
        assertThat(SealedFormat.isValidChunkSize(16 << 20)).isTrue();
        assertThat(SealedFormat.isValidChunkSize(SealedFormat.DEFAULT_CHUNK_SIZE)).isTrue();
        assertThat(SealedFormat.isValidChunkSize(2048)).isFalse();
        assertThat(SealedFormat.isValidChunkSize(32 << 20)).isFalse();
        assertThat(SealedFormat.isValidChunkSize(4096 + 4096 / 2)).isFalse();
        assertThat(SealedFormat.isValidChunkSize(0xFFFFFFFFL)).isFalse();
    }

    @Test
    void keyIdNeedsA32ByteKey() {
        assertThatThrownBy(() -> SealedFormat.keyId(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThat(SealedFormat.keyId(new byte[32])).hasSize(16);
    }
}
