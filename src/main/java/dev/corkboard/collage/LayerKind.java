package dev.corkboard.collage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a collage layer shows: a cutout or a pin's image. Spelled {@code "cutout"} and {@code "pin"}
 * on the wire and in stored layouts.
 */
public enum LayerKind {
  CUTOUT("cutout"),
  PIN("pin");

  private final String wire;

  LayerKind(String wire) {
    this.wire = wire;
  }

  /** The kind as written in JSON; Jackson reads it back through the same spelling. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** The JSON field that names the layer's source: {@code cutout_id} or {@code pin_id}. */
  public String idField() {
    return wire + "_id";
  }

  /** The kind spelled so, if there is one. */
  public static Optional<LayerKind> fromWire(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
  }
}
