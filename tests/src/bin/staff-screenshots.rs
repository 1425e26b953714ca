//! Screenshots of the staff dashboard for documentation: starts a server with a full demo
//! city (8 neighbourhoods, 20 kiosks, 6 months), logs in as city staff in headless Chromium
//! and saves the dashboard of the last whole month in English and Arabic, and the fleet page.
//!
//! Usage: staff-screenshots OUT_DIR   (needs chromium and chromium-driver)

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use serde_json::json;
use sync_server::BackgroundServer;
use sync_server::store::Role;

fn main() -> anyhow::Result<()> {
    let out = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: staff-screenshots OUT_DIR"))?;
    std::fs::create_dir_all(&out)?;
    let dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(dir.path(), system_tests::any_port())?;
    let now = kiosk_core::clock::now();
    sync_server::demo::make_city(
        server.store(),
        sync_server::demo::DemoSettings {
            neighbourhoods: 8,
            kiosks: 20,
            months: 6,
            seed: 2026,
        },
        now,
    )?;
    sync_server::accounts::add_user(
        server.store(),
        "city",
        Role::CityStaff,
        "city-staff-password",
        &[],
        now,
    )?;
    // The latest month published to city staff: it ended at least the grace period ago.
    let last_month = sync_server::metrics::Calendar::utc()
        .month_of(now - (sync_server::metrics::publication::GRACE_DAYS + 31) * 86_400);

    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let base = server.url();
    let result = tokio::runtime::Runtime::new()?.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("acceptInsecureCerts".into(), json!(true));
        capabilities.insert("goog:chromeOptions".into(), json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2400", "--hide-scrollbars"]
        }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await?;
        client.goto(&format!("{base}/staff/login")).await?;
        client.find(Locator::Css("input#name")).await?.send_keys("city").await?;
        client.find(Locator::Css("input#password")).await?.send_keys("city-staff-password").await?;
        client.find(Locator::Css("form.login button")).await?.click().await?;
        client.wait().for_element(Locator::Css("form.logout")).await?;
        for language in ["en", "ar"] {
            client.goto(&format!("{base}/staff/lang?to={language}&back=/staff/dashboard%3Fmonth%3D{last_month}")).await?;
            client.goto(&format!("{base}/staff/dashboard?month={last_month}")).await?;
            client.wait().for_element(Locator::Css("main h1")).await?;
            std::fs::write(format!("{out}/dashboard-{language}.png"), client.screenshot().await?)?;
        }
        client.goto(&format!("{base}/staff/lang?to=en&back=/staff/fleet")).await?;
        client.goto(&format!("{base}/staff/fleet")).await?;
        std::fs::write(format!("{out}/fleet-en.png"), client.screenshot().await?)?;
        client.close().await?;
        anyhow::Ok(())
    });
    let _ = driver.kill();
    result?;
    println!("Screenshots of {last_month} in {out}");
    Ok(())
}
