package io.durable.workflow.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for each test that asks for it, driven through Debian's
 * {@code chromium-driver}: the browser the dashboard's tests use, registered with
 * {@code @RegisterExtension}. Where it is missing the tests that ask for it are skipped,
 * saying how to install it ({@code .ci/run} installs it).
 */
public final class Chromium implements AfterEachCallback {

	private static final Path BROWSER = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final Duration timeout;

	private ChromeDriver browser;

	private WebDriverWait wait;

	/**
	 * @param timeout how long {@link #await()} waits at most
	 */
	public Chromium(Duration timeout) {
		this.timeout = timeout;
	}

	private void start() {
		Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
				"Chromium is not installed: apt-get install -y chromium chromium-driver (Debian), then run the"
						+ " dashboard's browser tests again");
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
		this.browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
		this.wait = new WebDriverWait(this.browser, this.timeout);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.browser != null) {
			this.browser.quit();
			this.browser = null;
		}
	}

	/**
	 * The browser of the running test, started at the first call.
	 * @return the browser
	 */
	public WebDriver browser() {
		if (this.browser == null) {
			start();
		}
		return this.browser;
	}

	/**
	 * Waits on the browser of the running test.
	 * @return the wait, up to the timeout
	 */
	public WebDriverWait await() {
		browser();
		return this.wait;
	}

}
