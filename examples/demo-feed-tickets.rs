//! Prints the demo feed fragment for the ticket programme:
//! `cargo run --example demo-feed-tickets > feed-src/tickets.json`
//!
//! `keys`: the demo key list (v2: issuer key 1 and used-data key 200) signed by the demo
//! root; `shops`: sample (見本) businesses, all `demo: true`; `used`: signed used data
//! (v2, sequence 2, by the demo used-data key) with demo ticket K1-202610-00003 settled.
//! That ticket is from a past month, so a wallet that loads "a demo month" today never
//! holds it: a new wallet shows all 20 of its tickets usable. (Sequence 1 settled
//! K1-202612-00003, which wrongly made a new December demo wallet show one ticket used;
//! sequence 2 is the correction, so a browser that kept sequence 1 takes it.)
//! The output is checked by the library's parsers before printing.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use jokatsu::domain::shared::text::I18n;
use jokatsu::domain::tickets::core::keys::{demo, KeySet};
use jokatsu::domain::tickets::core::shops::{Directory, ShopDto};
use jokatsu::domain::tickets::core::ticket::{Serial, TicketId};
use jokatsu::domain::tickets::core::used::{UsedData, UsedHeader, UsedSet};
use serde_json::json;

/// (id, name ja, name en, category, area, address ja, address en, hours ja, hours en, lat, lon)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);

const SHOPS: [Row; 10] = [
    (
        "s001",
        "（見本）旭川駅前ベーカリー",
        "(Sample) Asahikawa Ekimae Bakery",
        "飲食",
        "中心市街地",
        "旭川市宮下通8丁目（見本）",
        "Miyashita-dori 8-chome, Asahikawa (sample)",
        "7:00〜18:00（水曜定休）",
        "7:00-18:00 (closed Wed)",
        43.7634,
        142.3585,
    ),
    (
        "s002",
        "（見本）買物公園カフェ",
        "(Sample) Kaimono Koen Cafe",
        "飲食",
        "中心市街地",
        "旭川市3条通8丁目（見本）",
        "3-jo-dori 8-chome, Asahikawa (sample)",
        "10:00〜20:00",
        "10:00-20:00",
        43.7676,
        142.3601,
    ),
    (
        "s003",
        "（見本）平和通り書店",
        "(Sample) Heiwa-dori Books",
        "生活用品",
        "中心市街地",
        "旭川市1条通8丁目（見本）",
        "1-jo-dori 8-chome, Asahikawa (sample)",
        "10:00〜19:00",
        "10:00-19:00",
        43.7653,
        142.3593,
    ),
    (
        "s004",
        "（見本）永山ファミリーマーケット",
        "(Sample) Nagayama Family Market",
        "食料品",
        "永山",
        "旭川市永山3条19丁目（見本）",
        "Nagayama 3-jo 19-chome, Asahikawa (sample)",
        "9:00〜21:00",
        "9:00-21:00",
        43.8119,
        142.4422,
    ),
    (
        "s005",
        "（見本）永山ラーメン工房",
        "(Sample) Nagayama Ramen Kobo",
        "飲食",
        "永山",
        "旭川市永山2条10丁目（見本）",
        "Nagayama 2-jo 10-chome, Asahikawa (sample)",
        "11:00〜15:00、17:00〜21:00",
        "11:00-15:00, 17:00-21:00",
        43.8078,
        142.4301,
    ),
    (
        "s006",
        "（見本）神楽ヘアサロン",
        "(Sample) Kagura Hair Salon",
        "美容",
        "神楽",
        "旭川市神楽4条6丁目（見本）",
        "Kagura 4-jo 6-chome, Asahikawa (sample)",
        "9:30〜18:30（月曜定休）",
        "9:30-18:30 (closed Mon)",
        43.7527,
        142.3478,
    ),
    (
        "s007",
        "（見本）神楽岡ドラッグ",
        "(Sample) Kaguraoka Drugstore",
        "生活用品",
        "神楽",
        "旭川市神楽岡10条3丁目（見本）",
        "Kaguraoka 10-jo 3-chome, Asahikawa (sample)",
        "9:00〜22:00",
        "9:00-22:00",
        43.7379,
        142.3812,
    ),
    (
        "s008",
        "（見本）末広こども服",
        "(Sample) Suehiro Kids Clothing",
        "生活用品",
        "末広",
        "旭川市末広3条5丁目（見本）",
        "Suehiro 3-jo 5-chome, Asahikawa (sample)",
        "10:00〜19:00",
        "10:00-19:00",
        43.8016,
        142.3618,
    ),
    (
        "s009",
        "（見本）豊岡ネイル＆まつげ",
        "(Sample) Toyooka Nail & Lash",
        "美容",
        "豊岡",
        "旭川市豊岡4条3丁目（見本）",
        "Toyooka 4-jo 3-chome, Asahikawa (sample)",
        "10:00〜19:00（予約制）",
        "10:00-19:00 (by appointment)",
        43.7636,
        142.4061,
    ),
    (
        "s010",
        "（見本）豊岡フレッシュ青果",
        "(Sample) Toyooka Fresh Produce",
        "食料品",
        "豊岡",
        "旭川市豊岡7条5丁目（見本）",
        "Toyooka 7-jo 5-chome, Asahikawa (sample)",
        "8:00〜19:00",
        "8:00-19:00",
        43.7671,
        142.4152,
    ),
];

fn main() {
    let keys = demo::key_list();
    let root = demo::root_signing_key().verifying_key();
    let key_set = KeySet::from_feed(&keys, &root).expect("demo keys verify");

    let shops: Vec<ShopDto> = SHOPS
        .iter()
        .map(|&(id, ja, en, category, area, addr_ja, addr_en, h_ja, h_en, lat, lon)| ShopDto {
            id: id.into(),
            name: I18n::new(ja, en),
            category: category.into(),
            area: area.into(),
            address: I18n::new(addr_ja, addr_en),
            hours: Some(I18n::new(h_ja, h_en)),
            map_url: format!("https://www.openstreetmap.org/?mlat={lat:.4}&mlon={lon:.4}#map=17/{lat:.4}/{lon:.4}"),
            certified: Some("こそだてっぴー認定（見本）".into()),
            certified_from: None,
            certified_until: None,
            demo: true,
        })
        .collect();
    Directory::from_dto(&shops).expect("demo shops valid");

    // One settled ticket from a past month (October 2026), so the used data is not empty
    // and verifies, while no demo month a new wallet loads (the current month) holds it.
    let mut set = UsedSet::new();
    set.mark(TicketId {
        demo: true,
        key: demo::DEMO_ISSUER_KEY_ID,
        serial: Serial::new(202610, 3),
    });
    let used = set
        .sign(
            &UsedHeader {
                sequence: 2,
                signed_at: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
                signer: Some(demo::DEMO_USED_KEY_ID),
            },
            &demo::used_signing_key(),
        )
        .expect("sign used");
    UsedData::from_feed(&used, &root, &key_set).expect("used verifies");

    let out = json!({
        "keys": keys,
        "shops": shops,
        "used": used,
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}
