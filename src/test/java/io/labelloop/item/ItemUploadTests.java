package io.labelloop.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api.Response;
import io.labelloop.support.ApiTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ItemUploadTests extends ApiTest {

    private Response upload(long project, String contentType, String body) {
        return api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, contentType, body);
    }

    private long itemCount(long project) {
        return api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("items").asLong();
    }

    private JsonNode itemByExternalId(long project, String externalId) {
        for (JsonNode item : api().get("/api/v1/projects/" + project + "/items?limit=1000", ADMIN).json()) {
            if (item.get("externalId").asString().equals(externalId)) {
                return api().get("/api/v1/projects/" + project + "/items/" + item.get("id").asLong(), ADMIN).json();
            }
        }
        throw new AssertionError("no item " + externalId);
    }

    @Test
    void shouldStoreAJsonArrayAndServeEachItemBack() {
        long p = project(ADMIN, "TEXT", "positive", "negative");

        var r = upload(p, "application/json", """
                [{"externalId": "r-1", "text": "Loved it", "label": "positive", "metadata": {"stars": 5}},
                 {"externalId": "r-2", "text": "Hated it"}]""");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("received").asLong()).isEqualTo(2);
        assertThat(r.json().get("created").asLong()).isEqualTo(2);
        var item = itemByExternalId(p, "r-1");
        assertThat(item.get("text").asString()).isEqualTo("Loved it");
        assertThat(item.get("metadata").get("stars").asInt()).isEqualTo(5);
        assertThat(item.get("labels").get(0).get("label").asString()).isEqualTo("positive");
        assertThat(item.get("labels").get(0).get("source").asString()).isEqualTo("IMPORTED");
        assertThat(item.get("prediction").isNull()).isTrue();
    }

    @Test
    void shouldStoreNdjsonTabularFeaturesAndServeThemBackByName() {
        long p = project(ADMIN, "TABULAR", "setosa", "virginica");

        var r = upload(p, "application/x-ndjson", """
                {"externalId": "i-1", "features": {"sepal_length": 5.1, "sepal_width": 3.5}, "label": "setosa"}

                {"externalId": "i-2", "features": {"sepal_length": 6.3, "petal_width": 1.8}}
                """);

        assertThat(r.json().get("created").asLong()).as(r.toString()).isEqualTo(2);
        var first = itemByExternalId(p, "i-1").get("features");
        assertThat(first.get("sepal_length").asDouble()).isCloseTo(5.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first.get("sepal_width").asDouble()).isCloseTo(3.5, org.assertj.core.data.Offset.offset(1e-6));
        var second = itemByExternalId(p, "i-2").get("features");
        assertThat(second.has("sepal_width")).as("missing stays missing").isFalse();
        assertThat(second.get("petal_width").asDouble()).isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shouldReadCsvWithQuotedCommasNewlinesAndUnicodeAndReportTheLineWhereARecordStarts() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        String csv = "externalId,text,label\r\n"
                + "m-1,\"Hello, world\",ham\r\n"
                + "m-2,\"line one\nline two\n\"\"quoted\"\"\",spam\r\n"
                + "m-3,Grüße 日本語 🙂,ham\r\n"
                + "m-4,unknown label here,eggs\r\n";

        var r = upload(p, "text/csv", csv);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("received").asLong()).isEqualTo(4);
        assertThat(r.json().get("created").asLong()).isEqualTo(3);
        var rejected = r.json().get("rejected").get(0);
        assertThat(rejected.get("line").asLong()).as("m-2 spans lines 3-5, so m-4 starts on line 7").isEqualTo(7);
        assertThat(rejected.get("externalId").asString()).isEqualTo("m-4");
        assertThat(rejected.get("error").asString()).isEqualTo("unknown label 'eggs'");
        assertThat(itemByExternalId(p, "m-1").get("text").asString()).isEqualTo("Hello, world");
        assertThat(itemByExternalId(p, "m-2").get("text").asString()).isEqualTo("line one\nline two\n\"quoted\"");
        assertThat(itemByExternalId(p, "m-3").get("text").asString()).isEqualTo("Grüße 日本語 🙂");
    }

    @Test
    void shouldRoundTripTheSameItemsInAllThreeFormats() {
        String csv = "externalId,x,y,label\nA,1.5,-2,a\nB,0,3e2,b\n";
        String json = "[{\"externalId\":\"A\",\"features\":{\"x\":1.5,\"y\":-2},\"label\":\"a\"},"
                + "{\"externalId\":\"B\",\"features\":{\"x\":0,\"y\":300},\"label\":\"b\"}]";
        String ndjson = "{\"externalId\":\"A\",\"features\":{\"x\":1.5,\"y\":-2},\"label\":\"a\"}\n"
                + "{\"externalId\":\"B\",\"features\":{\"x\":0,\"y\":300},\"label\":\"b\"}\n";
        List<String> seen = new ArrayList<>();
        for (var upload : List.of(Map.entry("text/csv", csv), Map.entry("application/json", json),
                Map.entry("application/x-ndjson", ndjson))) {
            long p = project(ADMIN, "TABULAR", "a", "b");
            var r = upload(p, upload.getKey(), upload.getValue());
            assertThat(r.json().get("created").asLong()).as(upload.getKey() + " " + r).isEqualTo(2);
            var b = itemByExternalId(p, "B");
            seen.add(b.get("features").toString() + b.get("labels").get(0).get("label").asString());
        }
        assertThat(seen).containsOnly("{\"x\":0.0,\"y\":300.0}b");
    }

    @Test
    void shouldCreateNothingWhenTheSameUploadIsSentAgain() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        String body = "externalId,text\n1,one\n2,two\n3,three\n";

        var first = upload(p, "text/csv", body);
        var second = upload(p, "text/csv", body);

        assertThat(first.json().get("created").asLong()).isEqualTo(3);
        assertThat(second.json().get("received").asLong()).isEqualTo(3);
        assertThat(second.json().get("created").asLong()).isZero();
        assertThat(second.json().get("duplicates").asLong()).isEqualTo(3);
        assertThat(itemCount(p)).isEqualTo(3);
    }

    @Test
    void shouldCreateOnlyTheNewItemsWhenAnUploadMixesNewAndStoredIds() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        upload(p, "text/csv", "externalId,text\n1,one\n2,two\n");

        var r = upload(p, "text/csv", "externalId,text,label\n0,zero,ham\n1,changed,spam\n3,three,\n2,two,\n");

        assertThat(r.json().get("created").asLong()).isEqualTo(2);
        assertThat(r.json().get("duplicates").asLong()).isEqualTo(2);
        assertThat(itemCount(p)).isEqualTo(4);
        assertThat(itemByExternalId(p, "1").get("text").asString()).as("stored items stay as they were").isEqualTo("one");
        assertThat(itemByExternalId(p, "0").get("labels").get(0).get("label").asString()).isEqualTo("ham");
    }

    @Test
    void shouldCountAnExternalIdRepeatedInOneUploadAsDuplicateAndKeepTheFirst() {
        long p = project(ADMIN, "TEXT", "ham", "spam");

        var r = upload(p, "application/x-ndjson", """
                {"externalId":"d","text":"first"}
                {"externalId":"e","text":"other"}
                {"externalId":"d","text":"second"}
                """);

        assertThat(r.json().get("created").asLong()).isEqualTo(2);
        assertThat(r.json().get("duplicates").asLong()).isEqualTo(1);
        assertThat(itemByExternalId(p, "d").get("text").asString()).isEqualTo("first");
    }

    @Test
    void shouldRejectBadRowsWithLineAndReasonWhileStoringTheGoodOnes() {
        long text = project(ADMIN, "TEXT", "ham", "spam");
        var r1 = upload(text, "application/x-ndjson", """
                {"externalId":"ok-1","text":"fine"}
                {"externalId":"no-text"}
                {"text":"no id"}
                {"externalId":"bad-label","text":"x","label":"eggs"}
                not json at all
                ["an", "array"]
                {"externalId":"ok-2","text":"also fine","label":"spam"}
                """);
        assertThat(r1.status()).isEqualTo(200);
        assertThat(r1.json().get("created").asLong()).isEqualTo(2);
        assertThat(rejections(r1)).containsExactly(
                "2:missing text", "3:missing externalId", "4:unknown label 'eggs'", "5:malformed JSON",
                "6:an item must be a JSON object");

        long tab = project(ADMIN, "TABULAR", "a", "b");
        var r2 = upload(tab, "text/csv", "id,f1,f2,label\nt1,1,2,a\nt2,1,abc,a\nt3,1,2\nt4,,,b\n");
        assertThat(r2.json().get("created").asLong()).as(r2.toString()).isEqualTo(2);
        assertThat(rejections(r2)).containsExactly("3:feature 'f2' is not a number: 'abc'", "4:expected 4 columns, found 3");

        var r3 = upload(tab, "application/json", "[{\"externalId\":\"t9\",\"label\":\"a\"},"
                + "{\"externalId\":\"t10\",\"features\":{\"f1\":true}}]");
        assertThat(rejections(r3)).containsExactly("1:missing features", "2:feature 'f1' is not a number: 'true'");
        assertThat(itemCount(tab)).isEqualTo(2);
    }

    @Test
    void shouldRefuseACsvWithoutTheColumnsItsProjectNeedsAsAWhole() {
        var text = upload(project(ADMIN, "TEXT", "ham", "spam"), "text/csv", "id,label,p0,p1\n1,ham,0,1\n2,spam,1,0\n");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("detail").asString())
                .isEqualTo("the CSV file does not fit this TEXT project: it needs a 'text' column, and the header has id, label, p0, p1");

        var tabular = upload(project(ADMIN, "TABULAR", "a", "b"), "text/csv", "id,label\n1,a\n");
        assertThat(tabular.status()).isEqualTo(400);
        assertThat(tabular.json().get("detail").asString()).contains("needs one numeric column per feature");

        long image = project(ADMIN, "IMAGE", "a", "b");
        assertThat(upload(image, "text/csv", "id,label\n1,a\n").json().get("detail").asString()).contains("an 'image' column");
        assertThat(upload(image, "text/csv", "id,p0,p1\n1,0,1\n").status()).isEqualTo(200);
        assertThat(itemCount(image)).isEqualTo(1);
    }

    private static List<String> rejections(Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode j : r.json().get("rejected")) {
            String error = j.get("error").asString();
            out.add(j.get("line").asLong() + ":" + (error.startsWith("malformed JSON") ? "malformed JSON" : error));
        }
        return out;
    }

    @Test
    void shouldListOnlyTheFirstRejectionsButCountThemAll() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        StringBuilder csv = new StringBuilder("externalId,text,label\n");
        for (int i = 0; i < 120; i++) {
            csv.append("x").append(i).append(",t,nope\n");
        }

        var r = upload(p, "text/csv", csv.toString());

        assertThat(r.json().get("rejectedCount").asLong()).isEqualTo(120);
        assertThat(r.json().get("rejected").size()).isEqualTo(50);
    }

    @Test
    void shouldStoreNothingWhenTheBodyCannotBeParsed() {
        long p = project(ADMIN, "TEXT", "ham", "spam");

        var json = upload(p, "application/json", "[{\"externalId\":\"a\",\"text\":\"ok\"}, {\"externalId\": ");
        var notArray = upload(p, "application/json", "{\"externalId\":\"a\",\"text\":\"ok\"}");
        var csv = upload(p, "text/csv", "externalId,text\na,ok\nb,\"never closed\n");
        var noHeader = upload(p, "text/csv", "");
        var noIdColumn = upload(p, "text/csv", "name,text\na,b\n");
        var ndjson = upload(p, "application/x-ndjson", "{oops\n[1,\n");

        for (var r : List.of(json, notArray, csv, noHeader, noIdColumn, ndjson)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(itemCount(p)).isZero();
    }

    @Test
    void shouldAnswer415ForUnsupportedContentTypesAnd413ForOversizedBodies() {
        long p = project(ADMIN, "TEXT", "ham", "spam");

        var xml = upload(p, "application/xml", "<items/>");
        var none = api().postBytes("/api/v1/projects/" + p + "/items", ADMIN, null, "x".getBytes());
        byte[] big = ("externalId,text\n" + "a,".repeat(1) + "x".repeat(5 * 1024 * 1024) + "\n").getBytes();
        var tooLarge = api().postBytes("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", big);

        assertThat(xml.status()).isEqualTo(415);
        assertThat(none.status()).isEqualTo(415);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        assertThat(itemCount(p)).isZero();
    }

    @Test
    void shouldAcceptAGzipEncodedBody() throws IOException {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write("externalId,text\ng1,zipped\ng2,also zipped\n".getBytes(StandardCharsets.UTF_8));
        }

        var r = api().postBytes("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", bytes.toByteArray(),
                "Content-Encoding", "gzip");
        var corrupt = api().postBytes("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", new byte[] {1, 2, 3},
                "Content-Encoding", "gzip");

        assertThat(r.json().get("created").asLong()).isEqualTo(2);
        assertThat(corrupt.status()).isEqualTo(400);
    }

    @Test
    void shouldStoreImagesAndServeThemBackByUrl() throws IOException {
        long p = project(ADMIN, "IMAGE", "dark", "light");
        var image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        var png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String b64 = Base64.getEncoder().encodeToString(png.toByteArray());
        String huge = Base64.getEncoder().encodeToString(withPngHeader(new byte[100 * 1024]));

        var r = upload(p, "application/x-ndjson", "{\"externalId\":\"img-1\",\"image\":\"" + b64 + "\",\"label\":\"dark\"}\n"
                + "{\"externalId\":\"img-2\",\"image\":\"not base64!!\"}\n"
                + "{\"externalId\":\"img-3\",\"image\":\"" + Base64.getEncoder().encodeToString("GIF89a....".getBytes()) + "\"}\n"
                + "{\"externalId\":\"img-4\",\"image\":\"" + huge + "\"}\n"
                + "{\"externalId\":\"img-5\",\"features\":[0,128,255,12]}\n");

        assertThat(r.json().get("created").asLong()).as(r.toString()).isEqualTo(2);
        assertThat(rejections(r)).containsExactly("2:image is not valid base64", "3:image must be PNG or JPEG",
                "4:image larger than 65536 bytes");
        var item = itemByExternalId(p, "img-1");
        var served = api().get(item.get("imageUrl").asString(), ADMIN);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("image/png");
        assertThat(served.bytes()).isEqualTo(png.toByteArray());
        assertThat(itemByExternalId(p, "img-5").get("features").size()).isEqualTo(4);
    }

    private static byte[] withPngHeader(byte[] b) {
        b[0] = (byte) 0x89;
        b[1] = 'P';
        b[2] = 'N';
        b[3] = 'G';
        return b;
    }

    @Test
    void shouldGrowTheFeatureSetWhenALaterUploadBringsNewColumns() {
        long p = project(ADMIN, "TABULAR", "a", "b");
        upload(p, "text/csv", "externalId,f1\nr1,1\n");

        var r = upload(p, "text/csv", "externalId,f2,f1\nr2,20,10\n");

        assertThat(r.json().get("created").asLong()).isEqualTo(1);
        assertThat(itemByExternalId(p, "r1").get("features").toString()).isEqualTo("{\"f1\":1.0}");
        assertThat(itemByExternalId(p, "r2").get("features").toString()).isEqualTo("{\"f1\":10.0,\"f2\":20.0}");
    }

    @Test
    void shouldAnswer404ForUnknownItemsAndImages() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        assertThat(api().get("/api/v1/projects/" + p + "/items/999999999", ADMIN).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/projects/" + p + "/items/999999999/image", ADMIN).status()).isEqualTo(404);
        assertThat(api().postRaw("/api/v1/projects/999999999/items", ADMIN, "text/csv", "externalId,text\n").status())
                .isEqualTo(404);
    }
}
