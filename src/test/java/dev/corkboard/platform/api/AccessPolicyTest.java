package dev.corkboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static final long OWNER = 1;
  private static final long OTHER = 2;
  private static final AccessPolicy.Guarded PUBLIC = new AccessPolicy.Guarded(OWNER, false);
  private static final AccessPolicy.Guarded SECRET = new AccessPolicy.Guarded(OWNER, true);

  @Test
  void publicBoardsAndPinsAreSeenByEverybody() {
    Principal stranger = caller(OTHER, EnumSet.of(Scope.BOARDS_READ, Scope.PINS_READ));
    assertThat(AccessPolicy.seesBoard(stranger, PUBLIC)).isTrue();
    assertThat(AccessPolicy.seesPin(stranger, PUBLIC)).isTrue();
    assertThat(AccessPolicy.seesCutout(stranger, PUBLIC)).isTrue();
    assertThatCode(() -> AccessPolicy.requireListBoardPins(stranger, PUBLIC))
        .doesNotThrowAnyException();
  }

  @Test
  void secretObjectsExistOnlyForTheirOwnerThroughTheSecretReadingScopes() {
    Principal all = caller(OWNER, EnumSet.allOf(Scope.class));
    Principal stranger = caller(OTHER, EnumSet.allOf(Scope.class));
    assertThat(AccessPolicy.seesBoard(all, SECRET)).isTrue();
    assertThat(AccessPolicy.seesBoard(stranger, SECRET)).isFalse();
    assertThat(AccessPolicy.seesBoard(without(OWNER, Scope.BOARDS_READ_SECRET), SECRET)).isFalse();
    assertThat(AccessPolicy.seesPin(without(OWNER, Scope.PINS_READ_SECRET), SECRET)).isFalse();
    assertThat(AccessPolicy.seesPin(without(OWNER, Scope.BOARDS_READ_SECRET), SECRET)).isTrue();
    assertThat(AccessPolicy.seesCutout(without(OWNER, Scope.PINS_READ_SECRET), SECRET)).isFalse();
    assertThatThrownBy(
            () -> AccessPolicy.requireListBoardPins(without(OWNER, Scope.PINS_READ_SECRET), SECRET))
        .isInstanceOfSatisfying(
            ApiException.NotFound.class, e -> assertThat(e.code()).isEqualTo(40));
  }

  @Test
  void answersUnknownFirstThenForbiddenThenTheMissingScope() {
    Principal stranger = caller(OTHER, EnumSet.allOf(Scope.class));
    assertThatThrownBy(() -> AccessPolicy.requireChangeBoard(stranger, SECRET))
        .isInstanceOf(ApiException.NotFound.class);
    assertThatThrownBy(() -> AccessPolicy.requireChangeBoard(stranger, PUBLIC))
        .isInstanceOf(ApiException.Forbidden.class);
    assertThatThrownBy(
            () ->
                AccessPolicy.requireChangeBoard(without(OWNER, Scope.BOARDS_WRITE_SECRET), SECRET))
        .isInstanceOfSatisfying(
            ApiException.MissingScope.class,
            e -> assertThat(e.getMessage()).contains("boards:write_secret"));
    assertThatThrownBy(
            () -> AccessPolicy.requireAddPins(without(OWNER, Scope.PINS_WRITE_SECRET), SECRET))
        .isInstanceOfSatisfying(
            ApiException.MissingScope.class,
            e -> assertThat(e.getMessage()).contains("pins:write_secret"));
    assertThatThrownBy(() -> AccessPolicy.requireChangePin(stranger, PUBLIC))
        .isInstanceOf(ApiException.Forbidden.class);
    assertThatThrownBy(() -> AccessPolicy.requireDeleteCutout(stranger, PUBLIC, SECRET))
        .isInstanceOf(ApiException.Forbidden.class);
  }

  @Test
  void aCollageOrCutoutIsSeenByOthersOnlyAsItsPinIsNow() {
    Principal stranger = caller(OTHER, EnumSet.allOf(Scope.class));
    Principal owner = caller(OWNER, EnumSet.noneOf(Scope.class));
    // A collage published onto a secret board is guarded by that pin's guard: secret.
    assertThat(AccessPolicy.seesCollage(stranger, SECRET)).isFalse();
    assertThat(AccessPolicy.seesCollage(stranger, PUBLIC)).isTrue();
    assertThat(AccessPolicy.seesCollage(owner, SECRET)).isTrue();
    // A cutout of another's pin that moved to a secret board is hidden from its maker too.
    assertThat(AccessPolicy.seesCutout(stranger, SECRET)).isFalse();
    assertThatThrownBy(() -> AccessPolicy.requireDeleteCutout(stranger, SECRET, PUBLIC))
        .isInstanceOf(ApiException.NotFound.class);
  }

  @Test
  void theSqlAnswerForSecretBoardsAgreesWithTheCheckOfAWrite() {
    for (Scope missing : Scope.values()) {
      Principal caller = without(OWNER, missing);
      boolean allowed;
      try {
        AccessPolicy.requireAddPins(caller, SECRET);
        allowed = true;
      } catch (ApiException e) {
        allowed = false;
      }
      assertThat(AccessPolicy.addsPinsToSecretBoards(caller))
          .as(missing.wireName())
          .isEqualTo(allowed);
    }
  }

  @Test
  void collagesShowTheirDraftToTheOwnerAndOnlyTheirPublishedVersionToOthers() {
    AccessPolicy.Guarded draft = new AccessPolicy.Guarded(OWNER, true);
    AccessPolicy.Guarded published = new AccessPolicy.Guarded(OWNER, false);
    Principal owner = caller(OWNER, EnumSet.of(Scope.PINS_READ));
    Principal stranger = caller(OTHER, EnumSet.of(Scope.PINS_READ));
    assertThat(AccessPolicy.seesCollageDraft(owner, draft)).isTrue();
    assertThatThrownBy(() -> AccessPolicy.requireSeeCollage(stranger, draft))
        .isInstanceOf(ApiException.NotFound.class);
    assertThatCode(() -> AccessPolicy.requireSeeCollage(stranger, published))
        .doesNotThrowAnyException();
    assertThat(AccessPolicy.seesCollageDraft(stranger, published)).isFalse();
    assertThatThrownBy(() -> AccessPolicy.requireChangeCollage(stranger, published))
        .isInstanceOfSatisfying(
            ApiException.NotFound.class,
            e -> assertThat(e.getMessage()).isEqualTo("Collage not found."));
  }

  private static Principal caller(long account, Set<Scope> scopes) {
    return new Principal(account, scopes, 1);
  }

  private static Principal without(long account, Scope scope) {
    Set<Scope> scopes = EnumSet.allOf(Scope.class);
    scopes.remove(scope);
    return caller(account, scopes);
  }
}
