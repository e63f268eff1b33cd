package dev.corkboard.platform.blob;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an S3-compatible object store is and how to sign requests to it.
 *
 * @param endpoint the store's base URL, {@code http} or {@code https}, for example {@code
 *     https://s3.us-east-1.amazonaws.com} or {@code http://127.0.0.1:9000}; objects are addressed
 *     path-style as {@code endpoint/bucket/key}
 * @param region the signing region, {@code us-east-1} unless the store says otherwise
 * @param bucket the bucket that holds the blobs; it must exist
 * @param accessKey the access key id
 * @param secretKey the secret access key, never printed
 */
public record S3Settings(
    URI endpoint, String region, String bucket, String accessKey, String secretKey) {

  public static final String ENDPOINT = "CORKBOARD_S3_ENDPOINT";
  public static final String REGION = "CORKBOARD_S3_REGION";
  public static final String BUCKET = "CORKBOARD_S3_BUCKET";
  public static final String ACCESS_KEY = "CORKBOARD_S3_ACCESS_KEY";
  public static final String SECRET_KEY = "CORKBOARD_S3_SECRET_KEY";
  public static final String DEFAULT_REGION = "us-east-1";

  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "S3 endpoint must be an http or https URL with a host, not " + endpoint);
    }
    if (endpoint.getRawQuery() != null
        || endpoint.getRawFragment() != null
        || endpoint.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "S3 endpoint must have no user info, query or fragment: " + endpoint);
    }
    requireText(region, "region");
    requireText(bucket, "bucket");
    requireText(accessKey, "accessKey");
    requireText(secretKey, "secretKey");
    if (bucket.contains("/")) {
      throw new IllegalArgumentException("S3 bucket must not contain '/': " + bucket);
    }
  }

  /**
   * Reads the settings from environment variables: none when {@value #ENDPOINT} is unset or blank;
   * otherwise {@value #BUCKET}, {@value #ACCESS_KEY} and {@value #SECRET_KEY} are required and
   * {@value #REGION} defaults to {@value #DEFAULT_REGION}.
   *
   * @throws IllegalArgumentException naming the variable that is missing or malformed
   */
  public static Optional<S3Settings> fromEnvironment(Map<String, String> env) {
    String endpoint = env.get(ENDPOINT);
    if (endpoint == null || endpoint.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(ENDPOINT + " is not a valid URL: " + e.getMessage(), e);
    }
    String region = env.get(REGION);
    try {
      return Optional.of(
          new S3Settings(
              uri,
              region == null || region.isBlank() ? DEFAULT_REGION : region.strip(),
              required(env, BUCKET),
              required(env, ACCESS_KEY),
              required(env, SECRET_KEY)));
    } catch (IllegalArgumentException e) {
      String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
      if (message.startsWith("CORKBOARD_")) {
        throw e;
      }
      throw new IllegalArgumentException("invalid S3 settings: " + message, e);
    }
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be set when " + ENDPOINT + " is set");
    }
    return value.strip();
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("S3 " + name + " must not be blank");
    }
  }

  /** Shows everything but the secret key. */
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint
        + ", region="
        + region
        + ", bucket="
        + bucket
        + ", accessKey="
        + accessKey
        + ", secretKey=(hidden)]";
  }
}
