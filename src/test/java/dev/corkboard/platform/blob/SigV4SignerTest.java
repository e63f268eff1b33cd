package dev.corkboard.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

  // The "GET Object" example of AWS's S3 documentation, "Signature Calculations for the
  // Authorization Header: Transferring Payload in a Single Chunk".
  private static final SigV4Signer AWS_EXAMPLE =
      new SigV4Signer(
          "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");

  private static Map<String, String> exampleHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "examplebucket.s3.amazonaws.com");
    headers.put("Range", "bytes=0-9");
    headers.put("x-amz-content-sha256", SigV4Signer.EMPTY_PAYLOAD_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");
    return headers;
  }

  @Test
  void buildsTheCanonicalRequestOfAwsExample() {
    String canonical =
        AWS_EXAMPLE.canonicalRequest(
            "GET", "/test.txt", exampleHeaders(), SigV4Signer.EMPTY_PAYLOAD_SHA256);

    assertThat(canonical)
        .isEqualTo(
            """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
  }

  @Test
  void buildsTheStringToSignOfAwsExample() {
    String canonical =
        AWS_EXAMPLE.canonicalRequest(
            "GET", "/test.txt", exampleHeaders(), SigV4Signer.EMPTY_PAYLOAD_SHA256);

    assertThat(AWS_EXAMPLE.stringToSign("20130524T000000Z", canonical))
        .isEqualTo(
            """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""");
  }

  @Test
  void producesTheSignatureOfAwsExample() {
    String authorization =
        AWS_EXAMPLE.authorization(
            "GET", "/test.txt", exampleHeaders(), SigV4Signer.EMPTY_PAYLOAD_SHA256);

    assertThat(authorization)
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void signatureChangesWithTheSecretKey() {
    SigV4Signer other = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "another-secret", "us-east-1");
    assertThat(
            other.authorization(
                "GET", "/test.txt", exampleHeaders(), SigV4Signer.EMPTY_PAYLOAD_SHA256))
        .doesNotContain("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void refusesToSignWithoutTheRequiredHeaders() {
    Map<String, String> headers = exampleHeaders();
    headers.remove("Host");
    assertThatThrownBy(
            () ->
                AWS_EXAMPLE.authorization(
                    "GET", "/test.txt", headers, SigV4Signer.EMPTY_PAYLOAD_SHA256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }

  @Test
  void formatsAmzDateInUtc() {
    assertThat(SigV4Signer.amzDate(Instant.parse("2013-05-24T00:00:00Z")))
        .isEqualTo("20130524T000000Z");
  }

  @Test
  void hashesPayloadAsLowercaseHex() {
    // The "PUT Object" example of the same page signs this payload.
    assertThat(SigV4Signer.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    assertThat(SigV4Signer.sha256Hex(new byte[0])).isEqualTo(SigV4Signer.EMPTY_PAYLOAD_SHA256);
  }

  @Test
  void encodesEverythingButUnreservedCharactersAndSlashes() {
    assertThat(SigV4Signer.encodePath("/bucket/a b+c/grüße~_-.jpg"))
        .isEqualTo("/bucket/a%20b%2Bc/gr%C3%BC%C3%9Fe~_-.jpg");
    assertThat(SigV4Signer.encodePath("/test$file.text")).isEqualTo("/test%24file.text");
  }
}
