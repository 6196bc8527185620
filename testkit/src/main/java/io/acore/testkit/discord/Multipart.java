package io.acore.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discord request body as the fake reads it: plain JSON, or {@code multipart/form-data} with the JSON in the
 * {@code payload_json} part and each attachment in a {@code files[n]} part, as Discord takes files.
 */
record Multipart(JsonNode json, Map<String, byte[]> files) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    static Multipart read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Matcher boundary = BOUNDARY.matcher(type);
        if (!type.startsWith("multipart/form-data") || !boundary.find()) {
            return new Multipart(JSON.readTree(body), Map.of());
        }
        // ISO-8859-1 maps every byte to one char, so positions in the text are positions in the bytes.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        JsonNode json = JSON.createObjectNode();
        Map<String, byte[]> files = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int headersStart = at + delimiter.length() + 2;
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = text.substring(headersStart, headersEnd);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next);
            Matcher name = NAME.matcher(headers);
            Matcher fileName = FILE_NAME.matcher(headers);
            if (fileName.find()) {
                files.put(fileName.group(1), content);
            } else if (name.find() && name.group(1).equals("payload_json")) {
                json = JSON.readTree(content);
            }
            at = next + 2;
        }
        return new Multipart(json, Map.copyOf(files));
    }
}
