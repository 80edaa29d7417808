#!/usr/bin/env python3
"""quantex view in a real browser: headless Chromium loads the page of a sample report, the
highlighted spans are as many as the records, filtering by kind shows that kind's rows and
dims the other spans, and a screenshot is kept (its path is printed).

usage: view_test.py QUANTEX SCREENSHOT.png
Exits 77 (skipped) when Chromium, its driver or Selenium is missing (tools/setup.sh installs
chromium, chromium-driver and python3-selenium).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "samples", "beijing-2020-business-environment-report.txt")


def main():
    quantex, screenshot = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
    except ImportError:
        print("skipped: python3-selenium is not installed")
        return 77
    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not browser or not driver_path:
        print("skipped: chromium or chromium-driver is not installed")
        return 77
    records = [json.loads(line) for line in
               subprocess.run([quantex, SAMPLE], check=True, capture_output=True).stdout.splitlines()]
    with tempfile.TemporaryDirectory() as work:
        page = os.path.join(work, "page.html")
        with open(page, "wb") as f:
            f.write(subprocess.run([quantex, "view", SAMPLE], check=True,
                                   capture_output=True).stdout)
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,2000",
                         f"--user-data-dir={work}/profile"):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            driver.get("file://" + page)
            spans = driver.find_elements(By.CSS_SELECTOR, "#text .r")
            rows = driver.find_elements(By.CSS_SELECTOR, "#records tbody tr")
            print(f"{len(records)} records, {len(spans)} highlighted spans, {len(rows)} rows")
            assert len(spans) == len(records) == len(rows), "every record highlighted and listed"
            money = sum(r["kind"] == "money" for r in records)
            Select(driver.find_element(By.ID, "kind")).select_by_visible_text("money")
            shown = [r for r in rows if r.is_displayed()]
            dimmed = driver.find_elements(By.CSS_SELECTOR, "#text .r.dim")
            print(f"kind money: {len(shown)} rows shown, {len(dimmed)} spans dimmed")
            assert len(shown) == money > 0
            assert len(dimmed) == len(records) - money
            assert driver.find_element(By.ID, "shown").text == str(money)
            hover = spans[0].get_attribute("title")
            assert records[0]["rule"] in hover, hover
            driver.save_screenshot(screenshot)
            print(f"screenshot: {screenshot}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
