package dev.corkboard.collage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.collage.render.Point;
import dev.corkboard.pin.PinJson;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.json.Json;
import io.helidon.http.HeaderNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The routes of cutouts and collages, an extension of this server under {@code /v5}. */
public final class CollageRoutes {

  static final int MAX_ITEMS = 100;
  static final int MIN_POINTS = 3;
  static final int MAX_POINTS = 1_000;

  private static final List<Scope> READ = List.of(Scope.PINS_READ);
  private static final List<Scope> WRITE = List.of(Scope.PINS_READ, Scope.PINS_WRITE);

  /** Publishing creates a pin on a board, so it needs what v5 pins/create needs. */
  private static final List<Scope> PUBLISH =
      List.of(Scope.BOARDS_READ, Scope.BOARDS_WRITE, Scope.PINS_READ, Scope.PINS_WRITE);

  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final Pattern VERSION_TAG = Pattern.compile("^(?:W/)?\"v(\\d{1,9})\"$");

  private final CutoutService cutouts;
  private final CollageService collages;

  public CollageRoutes(CutoutService cutouts, CollageService collages) {
    this.cutouts = cutouts;
    this.collages = collages;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    Route.Auth bearer = Route.Auth.BEARER;
    return List.of(
        Route.extension("POST", "/v5/cutouts", bearer, WRITE, this::createCutout),
        Route.extension("GET", "/v5/cutouts/{cutout_id}", bearer, READ, this::getCutout),
        Route.extension("GET", "/v5/cutouts/{cutout_id}/image", bearer, READ, this::cutoutImage),
        Route.extension("DELETE", "/v5/cutouts/{cutout_id}", bearer, WRITE, this::deleteCutout),
        Route.extension("GET", "/v5/pins/{pin_id}/cutouts", bearer, READ, this::pinCutouts),
        Route.extension("POST", "/v5/collages", bearer, WRITE, this::createCollage),
        Route.extension("GET", "/v5/collages", bearer, READ, this::listCollages),
        Route.extension("GET", "/v5/collages/{collage_id}", bearer, READ, this::getCollage),
        Route.extension("PUT", "/v5/collages/{collage_id}", bearer, WRITE, this::updateCollage),
        Route.extension("DELETE", "/v5/collages/{collage_id}", bearer, WRITE, this::deleteCollage),
        Route.extension("GET", "/v5/collages/{collage_id}/image", bearer, READ, this::render),
        Route.extension(
            "POST", "/v5/collages/{collage_id}/publish", bearer, PUBLISH, this::publish),
        Route.extension("POST", "/v5/collages/{collage_id}/remix", bearer, WRITE, this::remix),
        Route.extension("GET", "/v5/pins/{pin_id}/collages", bearer, READ, this::pinCollages));
  }

  private void createCutout(Call call) {
    JsonBody body = call.body();
    long pinId = body.requiredId("pin_id");
    JsonNode polygon = body.node("polygon").orElse(null);
    if (polygon == null || !polygon.isArray()) {
      throw new ApiException.InvalidInput("polygon is required: an array of [x, y] points.");
    }
    if (polygon.size() < MIN_POINTS || polygon.size() > MAX_POINTS) {
      throw new ApiException.InvalidInput(
          "polygon must have "
              + MIN_POINTS
              + " to "
              + MAX_POINTS
              + " points, not "
              + polygon.size()
              + ".");
    }
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < polygon.size(); i++) {
      JsonNode point = polygon.get(i);
      if (!point.isArray()
          || point.size() != 2
          || !point.get(0).isNumber()
          || !point.get(1).isNumber()) {
        throw new ApiException.InvalidInput("polygon[" + i + "] must be a pair of numbers [x, y].");
      }
      double x = point.get(0).asDouble();
      double y = point.get(1).asDouble();
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
        throw new ApiException.InvalidInput(
            "polygon[" + i + "] must lie in the image: x and y from 0 to 1.");
      }
      points.add(new Point(x, y));
    }
    call.created(CutoutJson.of(cutouts.createCutout(call.principal(), pinId, points)));
  }

  private void getCutout(Call call) {
    call.ok(CutoutJson.of(cutouts.cutout(call.principal(), cutoutId(call))));
  }

  private void cutoutImage(Call call) {
    byte[] png = cutouts.cutoutImage(call.principal(), cutoutId(call));
    call.header("Cache-Control", "private, max-age=31536000, immutable");
    call.respondBytes(200, "image/png", png);
  }

  private void deleteCutout(Call call) {
    cutouts.deleteCutout(call.principal(), cutoutId(call));
    call.noContent();
  }

  private void pinCutouts(Call call) {
    call.page(
        wire(cutouts.listPinCutouts(call.principal(), pinId(call), call.page()), CutoutJson::of));
  }

  private void createCollage(Call call) {
    JsonBody body = call.body();
    String title = title(body);
    Collage collage = collages.createCollage(call.principal(), title, input(body));
    call.header("ETag", etag(collage));
    call.created(json(call, collage));
  }

  private void listCollages(Call call) {
    CollageService.SeenRefs seen = collages.refsSeenBy(call.principal());
    call.page(
        wire(collages.listCollages(call.principal(), call.page()), c -> CollageJson.of(c, seen)));
  }

  private void getCollage(Call call) {
    Collage collage = collages.collage(call.principal(), collageId(call));
    call.header("ETag", etag(collage));
    call.ok(json(call, collage));
  }

  private void updateCollage(Call call) {
    long id = collageId(call);
    Optional<Integer> ifMatch = ifMatch(call);
    JsonBody body = call.body();
    String title = title(body);
    Collage collage = collages.updateCollage(call.principal(), id, ifMatch, title, input(body));
    call.header("ETag", etag(collage));
    call.ok(json(call, collage));
  }

  private void deleteCollage(Call call) {
    collages.deleteCollage(call.principal(), collageId(call));
    call.noContent();
  }

  private void render(Call call) {
    long id = collageId(call);
    Optional<String> rawWidth = call.query("width");
    String format = call.query("format").orElse("png");
    if (!format.equals("png") && !format.equals("jpeg")) {
      throw new ApiException.InvalidInput("format must be png or jpeg.");
    }
    Optional<Integer> width = rawWidth.map(CollageRoutes::renderWidth);
    CollageDrawing.Render render = collages.render(call.principal(), id, width, format);
    call.header("Cache-Control", "private, max-age=31536000, immutable");
    if (call.answeredNotModified(render.etag())) {
      return;
    }
    call.respondBytes(200, render.contentType(), render.bytes());
  }

  private void publish(Call call) {
    long id = collageId(call);
    JsonBody body = call.body();
    long boardId = body.requiredId("board_id");
    OptionalLong sectionId = body.optionalId("board_section_id");
    String title = body.string("title").map(t -> Checks.checkLength("title", t, 0, 100)).orElse("");
    String description =
        body.string("description")
            .map(d -> Checks.checkLength("description", d, 0, 800))
            .orElse("");
    String link = body.string("link").map(l -> Checks.checkLength("link", l, 0, 2048)).orElse("");
    if (!link.isEmpty()) {
      Checks.checkHttpUrl("link", link);
    }
    var pin =
        collages.publish(
            call.principal(),
            id,
            new CollageService.PublishRequest(boardId, sectionId, title, description, link));
    call.created(PinJson.of(pin, call.principal()));
  }

  private void remix(Call call) {
    Collage collage = collages.remix(call.principal(), collageId(call));
    call.header("ETag", etag(collage));
    call.created(json(call, collage));
  }

  private void pinCollages(Call call) {
    CollageService.SeenRefs seen = collages.refsSeenBy(call.principal());
    call.page(
        wire(
            collages.listPinCollages(call.principal(), pinId(call), call.page()),
            c -> CollageJson.of(c, seen)));
  }

  /** A collage's wire form as the caller sees it. */
  private CollageJson json(Call call, Collage collage) {
    return CollageJson.of(collage, collages.refsSeenBy(call.principal()));
  }

  private static int renderWidth(String raw) {
    String rule =
        "width must be an integer from "
            + CollageDrawing.MIN_WIDTH
            + " to "
            + CollageDrawing.MAX_WIDTH
            + ".";
    if (!raw.matches("\\d{1,5}")) {
      throw new ApiException.InvalidInput(rule);
    }
    int width = Integer.parseInt(raw);
    if (width < CollageDrawing.MIN_WIDTH || width > CollageDrawing.MAX_WIDTH) {
      throw new ApiException.InvalidInput(rule);
    }
    return width;
  }

  private static CollageInput input(JsonBody body) {
    JsonNode canvas = body.node("canvas").orElse(null);
    if (canvas == null || !canvas.isObject()) {
      throw new ApiException.InvalidInput("canvas is required: {width, height, background_color}.");
    }
    int width = canvasSize(canvas, "width");
    int height = canvasSize(canvas, "height");
    String background = "#FFFFFF";
    JsonNode color = canvas.path("background_color");
    if (!color.isMissingNode() && !color.isNull()) {
      if (!color.isTextual() || !COLOR.matcher(color.asText()).matches()) {
        throw new ApiException.InvalidInput("canvas.background_color must look like #RRGGBB.");
      }
      background = color.asText().toUpperCase(java.util.Locale.ROOT);
    }
    JsonNode items = body.node("items").orElse(Json.mapper().createArrayNode());
    if (!items.isArray()) {
      throw new ApiException.InvalidInput("items must be an array of layers.");
    }
    if (items.size() > MAX_ITEMS) {
      throw new ApiException.InvalidInput(
          "items may hold at most " + MAX_ITEMS + " layers, not " + items.size() + ".");
    }
    List<CollageInput.ItemInput> layers = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      layers.add(item(items.get(i), "items[" + i + "]"));
    }
    return new CollageInput(width, height, background, layers);
  }

  private static CollageInput.ItemInput item(JsonNode node, String field) {
    if (!node.isObject()) {
      throw new ApiException.InvalidInput(field + " must be an object.");
    }
    LayerKind type =
        LayerKind.fromWire(node.path("type").isTextual() ? node.path("type").asText() : "")
            .orElseThrow(
                () -> new ApiException.InvalidInput(field + ".type must be cutout or pin."));
    long refId = nodeId(node, field + "." + type.idField(), type.idField());
    double x = requiredNumber(node, field, "x", -1e6, 1e6);
    double y = requiredNumber(node, field, "y", -1e6, 1e6);
    double scale = number(node, field, "scale", 1.0, 0.01, 20);
    double rotation = number(node, field, "rotation", 0.0, -1e6, 1e6);
    double opacity = number(node, field, "opacity", 1.0, 0, 1);
    JsonNode flip = node.path("flip_x");
    if (!flip.isMissingNode() && !flip.isNull() && !flip.isBoolean()) {
      throw new ApiException.InvalidInput(field + ".flip_x must be a boolean.");
    }
    return new CollageInput.ItemInput(
        type, refId, x, y, scale, rotation, flip.asBoolean(false), opacity);
  }

  private static double requiredNumber(
      JsonNode node, String field, String name, double min, double max) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      throw new ApiException.InvalidInput(field + "." + name + " is required: a number.");
    }
    return numberInRange(value, field, name, min, max);
  }

  private static double number(
      JsonNode node, String field, String name, double fallback, double min, double max) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    return numberInRange(value, field, name, min, max);
  }

  private static double numberInRange(
      JsonNode value, String field, String name, double min, double max) {
    if (!value.isNumber()) {
      throw new ApiException.InvalidInput(field + "." + name + " must be a number.");
    }
    double number = value.asDouble();
    if (!(number >= min && number <= max)) {
      throw new ApiException.InvalidInput(
          field + "." + name + " must be from " + fmt(min) + " to " + fmt(max) + ".");
    }
    return number;
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static int canvasSize(JsonNode canvas, String name) {
    JsonNode value = canvas.path(name);
    if (!value.isInt() || value.asInt() < 100 || value.asInt() > 4000) {
      throw new ApiException.InvalidInput(
          "canvas." + name + " must be an integer from 100 to 4000.");
    }
    return value.asInt();
  }

  private static String title(JsonBody body) {
    return body.string("title").map(t -> Checks.checkLength("title", t, 0, 100)).orElse("");
  }

  private static long nodeId(JsonNode node, String field, String name) {
    JsonNode value = node.path(name);
    if (!value.isTextual()) {
      throw new ApiException.InvalidInput(field + " must be a string of digits.");
    }
    return Checks.parseId(field, value.asText());
  }

  private static Optional<Integer> ifMatch(Call call) {
    Optional<String> header = call.request().headers().first(HeaderNames.IF_MATCH);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = VERSION_TAG.matcher(header.get().trim());
    if (!matcher.matches()) {
      // An ETag this server never issued cannot match the current version.
      return Optional.of(-1);
    }
    return Optional.of(Integer.parseInt(matcher.group(1)));
  }

  private static long cutoutId(Call call) {
    return call.pathId("cutout_id", Unknown.CUTOUT);
  }

  private static long collageId(Call call) {
    return call.pathId("collage_id", Unknown.COLLAGE);
  }

  private static long pinId(Call call) {
    return call.pathId("pin_id", Unknown.PIN);
  }

  private static String etag(Collage collage) {
    return "\"v" + collage.version() + "\"";
  }

  /** A page of a list in its wire form. */
  private static <T, J> Page<J> wire(Page<T> page, Function<T, J> form) {
    return new Page<>(page.items().stream().map(form).toList(), page.bookmark());
  }
}
