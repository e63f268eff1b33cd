package dev.corkboard.pin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.media.MediaInput;
import dev.corkboard.media.MediaService;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.ListOrder;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The v5 routes of pins, and the pin lists of boards and sections, and the extension that puts a
 * board's or a section's pins in manual order.
 */
public final class PinRoutes {

  /** The largest create body: carousels of base64 images are big. */
  static final int MAX_CREATE_BODY = 40 * 1024 * 1024;

  /** The largest image a client may send or the fetcher may fetch. */
  static final int MAX_IMAGE_BYTES = 20 * 1024 * 1024;

  private static final List<Scope> READ = List.of(Scope.BOARDS_READ, Scope.PINS_READ);
  private static final List<Scope> WRITE =
      List.of(Scope.BOARDS_READ, Scope.BOARDS_WRITE, Scope.PINS_READ, Scope.PINS_WRITE);

  /** Putting a board's pins in order arranges the board: a board write, as sections' order is. */
  private static final List<Scope> ARRANGE = List.of(Scope.BOARDS_READ, Scope.BOARDS_WRITE);

  private static final List<ListOrder> SORTS = List.of(ListOrder.NEWEST, ListOrder.CUSTOM);
  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final List<String> SUPPORTED_SOURCES =
      List.of("image_url", "image_base64", "multiple_image_urls", "multiple_image_base64");

  private final PinService service;
  private final PinBodies bodies;

  public PinRoutes(PinService service, PinBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    String board = "/v5/boards/{board_id}";
    return List.of(
        Route.v5("POST", "/v5/pins", "pins/create", WRITE, this::create),
        Route.v5("GET", "/v5/pins", "pins/list", READ, this::list),
        Route.v5("GET", "/v5/pins/{pin_id}", "pins/get", READ, this::get),
        Route.v5("PATCH", "/v5/pins/{pin_id}", "pins/update", WRITE, this::update),
        Route.v5("DELETE", "/v5/pins/{pin_id}", "pins/delete", WRITE, this::delete),
        Route.v5("POST", "/v5/pins/{pin_id}/save", "pins/save", WRITE, this::save),
        Route.extension("POST", "/v5/pins/bulk", Route.Auth.BEARER, WRITE, this::bulk),
        Route.v5("GET", board + "/pins", "boards/list_pins", READ, this::listBoardPins),
        Route.v5(
            "GET",
            board + "/sections/{section_id}/pins",
            "board_sections/list_pins",
            READ,
            this::listSectionPins),
        Route.extension("POST", board + "/pins/order", Auth.BEARER, ARRANGE, this::movePin));
  }

  private void create(Call call) {
    JsonBody body = call.body(MAX_CREATE_BODY);
    long boardId = body.requiredId("board_id");
    OptionalLong sectionId = body.optionalId("board_section_id");
    String title = text(body, "title", 100);
    String description = text(body, "description", 800);
    String altText = text(body, "alt_text", 500);
    String link = link(body, "link");
    String color = body.string("dominant_color").orElse("");
    if (!color.isEmpty() && !COLOR.matcher(color).matches()) {
      throw new ApiException.InvalidInput("dominant_color must look like #RRGGBB.");
    }
    JsonNode source = body.node("media_source").orElse(null);
    if (source == null || source.isNull()) {
      throw new ApiException.InvalidInput("media_source is required.");
    }
    if (!source.isObject()) {
      throw new ApiException.InvalidInput("media_source must be an object.");
    }
    String type = source.path("source_type").isTextual() ? source.path("source_type").asText() : "";
    if (!SUPPORTED_SOURCES.contains(type)) {
      throw new ApiException.InvalidInput(
          "media_source.source_type "
              + (type.isEmpty() ? "is required" : "'" + Checks.clip(type) + "' is not supported")
              + "; use one of "
              + String.join(", ", SUPPORTED_SOURCES)
              + ".");
    }
    List<PinDraft.DraftImage> images = new ArrayList<>();
    CreativeType creativeType =
        type.startsWith("multiple_") ? CreativeType.CAROUSEL : CreativeType.REGULAR;
    if (creativeType == CreativeType.CAROUSEL) {
      JsonNode items = source.path("items");
      if (!items.isArray() || items.size() < 2 || items.size() > 5) {
        throw new ApiException.InvalidInput(
            "media_source.items must be an array of 2 to 5 images.");
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String field = "media_source.items[" + i + "]";
        if (!item.isObject()) {
          throw new ApiException.InvalidInput(field + " must be an object.");
        }
        images.add(
            new PinDraft.DraftImage(
                type.equals("multiple_image_urls") ? url(item, field) : upload(item, field),
                nodeText(item, field + ".title", "title", 100),
                nodeText(item, field + ".description", "description", 800),
                nodeLink(item, field + ".link")));
      }
    } else {
      images.add(
          new PinDraft.DraftImage(
              type.equals("image_url")
                  ? url(source, "media_source")
                  : upload(source, "media_source"),
              "",
              "",
              ""));
    }
    PinDraft draft =
        new PinDraft(
            boardId, sectionId, title, description, link, altText, color, creativeType, 0, images);
    call.created(PinJson.of(service.createPin(call.principal(), draft), call.principal()));
  }

  private void list(Call call) {
    String pinFilter = call.query("pin_filter").orElse("");
    if (pinFilter.equals("has_been_promoted")) {
      // No pin here is promoted.
      call.page(Page.empty());
      return;
    }
    SavesFilter saves =
        switch (pinFilter) {
          case "" -> SavesFilter.ALL;
          case "exclude_native" -> SavesFilter.SAVES_ONLY;
          case "exclude_repins" -> SavesFilter.NATIVE_ONLY;
          default ->
              throw new ApiException.InvalidInput(
                  "pin_filter must be one of exclude_native, exclude_repins, has_been_promoted.");
        };
    call.query("pin_type")
        .filter(t -> !t.equals("PRIVATE"))
        .ifPresent(
            t -> {
              throw new ApiException.InvalidInput("pin_type must be PRIVATE.");
            });
    respondPage(call, service.listPins(call.principal(), saves, creativeTypes(call), call.page()));
  }

  private void get(Call call) {
    call.okJson(bodies.pin(service.pin(call.principal(), pinId(call)), call.principal()));
  }

  private void update(Call call) {
    long pinId = pinId(call);
    JsonBody body = call.body();
    if (body.isNull("board_id")) {
      throw new ApiException.InvalidInput("board_id must be a string of digits, not null.");
    }
    OptionalLong boardId = body.optionalId("board_id");
    OptionalLong sectionId =
        body.isNull("board_section_id") ? OptionalLong.of(0) : body.optionalId("board_section_id");
    PinChanges changes =
        new PinChanges(
            optionalText(body, "title", 100),
            optionalText(body, "description", 800),
            body.has("link") ? Optional.of(link(body, "link")) : Optional.empty(),
            optionalText(body, "alt_text", 500),
            boardId,
            sectionId);
    call.ok(PinJson.of(service.updatePin(call.principal(), pinId, changes), call.principal()));
  }

  private void delete(Call call) {
    service.deletePin(call.principal(), pinId(call));
    call.noContent();
  }

  private void save(Call call) {
    long pinId = pinId(call);
    JsonBody body = call.body();
    if (!body.has("board_id") || body.isNull("board_id")) {
      throw new ApiException.InvalidInput("board_id is required: the board to save the pin to.");
    }
    long boardId = body.requiredId("board_id");
    OptionalLong sectionId = body.optionalId("board_section_id");
    call.created(
        PinJson.of(service.savePin(call.principal(), pinId, boardId, sectionId), call.principal()));
  }

  private void bulk(Call call) {
    JsonBody body = call.body();
    BulkAction action =
        body.enumValue("action", BulkAction.class, BulkAction.values())
            .orElseThrow(
                () -> new ApiException.InvalidInput("action is required: MOVE, COPY or DELETE."));
    List<Long> pinIds = bulkPinIds(body);
    long boardId = 0;
    OptionalLong sectionId = OptionalLong.empty();
    if (action == BulkAction.DELETE) {
      if (body.has("board_id") || body.has("board_section_id")) {
        throw new ApiException.InvalidInput(
            "board_id and board_section_id name the target of a MOVE or COPY; omit them for DELETE.");
      }
    } else {
      if (!body.has("board_id") || body.isNull("board_id")) {
        throw new ApiException.InvalidInput(
            "board_id is required for " + action + ": the board the pins go to.");
      }
      boardId = body.requiredId("board_id");
      sectionId = body.optionalId("board_section_id");
    }
    call.ok(
        BulkPinsJson.of(service.bulkPins(call.principal(), action, pinIds, boardId, sectionId)));
  }

  /** The {@code pin_ids} of a bulk change: 1 to {@link PinService#BULK_MAX} distinct pin ids. */
  private static List<Long> bulkPinIds(JsonBody body) {
    List<String> texts = body.requiredStringList("pin_ids");
    if (texts.isEmpty() || texts.size() > PinService.BULK_MAX) {
      throw new ApiException.InvalidInput(
          "pin_ids must hold 1 to " + PinService.BULK_MAX + " pin ids, not " + texts.size() + ".");
    }
    List<Long> ids = new ArrayList<>(texts.size());
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      long id = Checks.parseId("pin_ids[" + i + "]", texts.get(i));
      if (!seen.add(id)) {
        throw new ApiException.InvalidInput(
            "pin_ids must not name a pin twice; pin "
                + id
                + " is named again at pin_ids["
                + i
                + "].");
      }
      ids.add(id);
    }
    return ids;
  }

  private void listBoardPins(Call call) {
    long boardId = call.pathId("board_id", Unknown.BOARD);
    PageRequest request = call.page();
    Page<PinView> page =
        service.listBoardPins(call.principal(), boardId, creativeTypes(call), sort(call), request);
    Principal caller = call.principal();
    // Only first pages are cached, so only their bodies are worth remembering.
    call.okJson(
        request.bookmark().isPresent() || sort(call) == ListOrder.CUSTOM
            ? PinBodies.pageOnce(page, caller)
            : bodies.page(page, caller));
  }

  private void listSectionPins(Call call) {
    long boardId = call.pathId("board_id", Unknown.BOARD);
    long sectionId = call.pathId("section_id", Unknown.SECTION);
    respondPage(
        call,
        service.listSectionPins(call.principal(), boardId, sectionId, sort(call), call.page()));
  }

  private void movePin(Call call) {
    long boardId = call.pathId("board_id", Unknown.BOARD);
    JsonBody body = call.body();
    if (!body.has("pin_id") || body.isNull("pin_id")) {
      throw new ApiException.InvalidInput(
          "pin_id is required: the pin to move, a string of digits.");
    }
    long pinId = body.requiredId("pin_id");
    OptionalLong sectionId = body.optionalId("section_id");
    OptionalLong after = body.optionalId("after");
    service.movePin(call.principal(), boardId, sectionId, pinId, after);
    call.ok(
        new PinOrderJson(
            Long.toString(pinId),
            sectionId.isPresent() ? Long.toString(sectionId.getAsLong()) : null,
            after.isPresent() ? Long.toString(after.getAsLong()) : null));
  }

  /** The {@code sort} of a pin list: {@code newest} (the default) or {@code custom}. */
  private static ListOrder sort(Call call) {
    return ListOrder.parse(call.query("sort"), ListOrder.NEWEST, SORTS);
  }

  private static void respondPage(Call call, Page<PinView> page) {
    call.okJson(PinBodies.pageOnce(page, call.principal()));
  }

  /** The {@code creative_types} filter: any of Pinterest's creative types, none for all. */
  private static Set<CreativeType> creativeTypes(Call call) {
    Set<CreativeType> types = EnumSet.noneOf(CreativeType.class);
    for (String name : call.queryAll("creative_types")) {
      types.add(
          CreativeType.named(name)
              .orElseThrow(
                  () ->
                      new ApiException.InvalidInput(
                          "creative_types has an unknown type '"
                              + Checks.clip(name)
                              + "'; use one of "
                              + Arrays.stream(CreativeType.values())
                                  .map(Enum::name)
                                  .collect(Collectors.joining(", "))
                              + ".")));
    }
    return types;
  }

  private static long pinId(Call call) {
    return call.pathId("pin_id", Unknown.PIN);
  }

  private static MediaInput url(JsonNode node, String field) {
    JsonNode url = node.path("url");
    if (!url.isTextual() || url.asText().isEmpty()) {
      throw new ApiException.InvalidInput(field + ".url is required: an http or https URL.");
    }
    return new MediaInput.Url(Checks.checkHttpUrl(field + ".url", url.asText()));
  }

  private static MediaInput upload(JsonNode node, String field) {
    JsonNode contentType = node.path("content_type");
    if (!contentType.isTextual()
        || !(contentType.asText().equals("image/jpeg")
            || contentType.asText().equals("image/png"))) {
      throw new ApiException.InvalidInput(field + ".content_type must be image/jpeg or image/png.");
    }
    JsonNode data = node.path("data");
    if (!data.isTextual() || data.asText().isEmpty()) {
      throw new ApiException.InvalidInput(field + ".data is required: the image in base64.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data.asText());
    } catch (IllegalArgumentException e) {
      throw new ApiException.InvalidInput(field + ".data is not valid base64.");
    }
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw new ApiException.InvalidInput(
          field + ".data is larger than " + MAX_IMAGE_BYTES + " bytes.");
    }
    return MediaService.checkUpload(field + ".data", bytes);
  }

  private static String text(JsonBody body, String field, int max) {
    return body.string(field).map(v -> Checks.checkLength(field, v, 0, max)).orElse("");
  }

  private static Optional<String> optionalText(JsonBody body, String field, int max) {
    if (body.isNull(field)) {
      return Optional.of("");
    }
    return body.string(field).map(v -> Checks.checkLength(field, v, 0, max));
  }

  private static String nodeText(JsonNode node, String field, String name, int max) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new ApiException.InvalidInput(field + " must be a string.");
    }
    return Checks.checkLength(field, value.asText(), 0, max);
  }

  private static String nodeLink(JsonNode node, String field) {
    String value = nodeText(node, field, "link", 2048);
    return value.isEmpty() ? "" : Checks.checkHttpUrl(field, value);
  }

  private static String link(JsonBody body, String field) {
    if (body.isNull(field)) {
      return "";
    }
    String value = text(body, field, 2048);
    return value.isEmpty() ? "" : Checks.checkHttpUrl(field, value);
  }
}
