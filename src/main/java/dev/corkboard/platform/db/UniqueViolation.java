package dev.corkboard.platform.db;

/** A statement broke a unique constraint; services turn it into a 409 naming the conflict. */
public final class UniqueViolation extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String constraint;

  UniqueViolation(String constraint, Throwable cause) {
    super("unique constraint " + constraint + " violated", cause);
    this.constraint = constraint;
  }

  /** The name of the constraint or unique index that was violated. */
  public String constraint() {
    return constraint;
  }
}
