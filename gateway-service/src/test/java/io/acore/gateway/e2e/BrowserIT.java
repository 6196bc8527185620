package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page and the dashboard in a real browser (Debian's chromium, headless, through its chromedriver): a
 * member chats with a persona whose name is an HTML tag, which shows as text and runs nothing; an operator opens the
 * dashboard with the key, sees the counts and the chart move and follows that reply's way through acore.
 */
@Timeout(300)
class BrowserIT {
    private static final String API_KEY = "browser-" + System.nanoTime();
    private static final String NAME = "<img src=x onerror=alert(1)>";
    private static DevStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void startTheStackAndTheBrowser() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve("browser");
        Path cards = Files.createTempDirectory("acore-cards");
        Files.writeString(cards.resolve("tag.json"), """
                {"spec": "chara_card_v2", "spec_version": "2.0", "data": {"name": "%s",
                 "description": "A name that is markup.", "first_mes": "Hello."}}""".formatted(NAME));
        Map<String, String> env = new HashMap<>();
        env.put("ACORE_ANALYTICS_API_KEY", API_KEY);
        env.put("ACORE_PERSONA_CARDS_DIR", cards.toString());
        env.put("ACORE_PERSONA_DEFAULT_PERSONA", "img-src-x-onerror-alert-1");
        stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null, null, Duration.ofMillis(20),
                env, logs), System.out);
        ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("acore.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("acore.chromedriver", "/usr/bin/chromedriver")))
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopThem() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aMemberChatsAndAnOperatorFollowsTheReplyOnTheDashboardAndMarkupInANameStaysText() {
        browser.get(stack.serviceUrl(StackConfig.GATEWAY) + "/");
        WebElement channel = browser.findElement(By.id("channel"));
        channel.clear();
        channel.sendKeys("browser", Keys.TAB);
        browser.findElement(By.id("content")).sendKeys("Good evening, is anyone in?");
        browser.findElement(By.cssSelector("#send button[type=submit]")).click();

        WebElement author = waitUntil(() -> browser.findElements(By.cssSelector("#log .line .author")).stream()
                .filter(shown -> shown.getText().equals(NAME + ":")).findFirst().orElse(null));
        assertThat(author.getText()).isEqualTo(NAME + ":");
        assertThat(browser.findElements(By.cssSelector("img:not(.avatar)"))).as("the name is not markup on the page")
                .isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return rendered('*waves* <b>hi</b> **there** `x`').map(p => p.nodeName || 'text:' + p)"))
                .as("a persona's *actions* in italics, and markup only as text")
                .isEqualTo(List.of("EM", "text: <b>hi</b> ", "STRONG", "text: ", "CODE"));
        assertThat(browser.findElement(By.id("to")).getText()).as("the persona picker").contains(NAME);
        String replyId = given().baseUri(stack.serviceUrl(StackConfig.GATEWAY)).get("/api/chat/messages?channel=browser")
                .then().extract().jsonPath().getList("findAll { it.role == 'persona' }.id", String.class).get(0);

        browser.get(stack.serviceUrl(StackConfig.ANALYTICS) + "/");
        browser.findElement(By.id("key")).sendKeys(API_KEY, Keys.ENTER);
        waitUntil(() -> tile("Messages").filter(count -> count >= 1).orElse(null));
        waitUntil(() -> tile("Replies").filter(count -> count >= 1).orElse(null));
        waitUntil(() -> {
            String points = browser.findElement(By.cssSelector("#chart polyline.messages")).getAttribute("points");
            return points != null && List.of(points.split(" ")).stream().anyMatch(point -> !point.endsWith(",150"))
                    ? points : null;
        });
        waitUntil(() -> browser.findElement(By.id("personas")).getText().contains("img-src-x-onerror-alert-1") ? true
                : null);
        assertThat(browser.findElement(By.id("connection")).getText()).as("the pictures are pushed").isEqualTo("live");
        String services = waitUntil(() -> {
            String shown = browser.findElement(By.id("services")).getText();
            return shown.contains("analytics") ? shown : null;
        });
        assertThat(services).contains("gateway ready", "persona ready", "memory ready", "analytics ready", " ms");
        assertThat(waitUntil(() -> {
            String shown = browser.findElement(By.id("stages")).getText();
            return shown.contains("memory context") ? shown : null;
        })).contains("message to reply", "picked up to first token", "p95");

        browser.findElement(By.id("timeline-id")).sendKeys(replyId, Keys.ENTER);
        String timeline = waitUntil(() -> {
            String shown = browser.findElement(By.id("timeline")).getText();
            return shown.contains("persona.published") && shown.contains("gateway.received") ? shown : null;
        });
        assertThat(timeline).contains("memory.recalled", "llm.first-token", "by " + NAME);
        assertThat(browser.findElements(By.cssSelector("img"))).as("nor on the dashboard").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    /** The number a dashboard tile shows under this label, if it shows one. */
    private static Optional<Long> tile(String label) {
        return browser.findElements(By.cssSelector("#tiles .tile")).stream()
                .filter(tile -> tile.findElement(By.className("label")).getText().equals(label))
                .map(tile -> tile.findElement(By.className("value")).getText())
                .filter(value -> value.matches("\\d+")).map(Long::valueOf).findFirst();
    }

    /** Waits for what the page shows; the dashboard redraws at every picture pushed, so an element may be replaced. */
    private static <T> T waitUntil(Supplier<T> shown) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(driver -> shown.get());
    }
}
