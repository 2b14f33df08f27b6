//! Where her tickets live: the browser that opened the city's link. Tickets are stored in
//! that browser's storage on that phone and nowhere else, so the wallet needs to know two
//! things about it, from its user agent (`navigator.userAgent`, passed in):
//!
//! - **An app's own browser** (LINE, Instagram, Facebook, X, …): a link tapped in a chat
//!   opens inside the app, whose storage is the app's own. Tickets stored there are not in
//!   Safari or Chrome, and an app may clear its browser's data at any time. She is asked to
//!   open the link in Safari or Chrome first ([`BrowserInfo::is_in_app`]).
//! - **Safari on an iPhone**: Safari deletes a site's stored data after 7 days without a
//!   visit, unless the app is on the home screen ([`BrowserInfo::suggests_home_screen`]).
//!
//! A user agent can lie or be new to us: an unknown one counts as an ordinary browser (the
//! wallet then only says where the tickets live), never as a reason to refuse.

/// The phone's system, as far as the advice differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// iPhone or iPod touch (an iPad asks for the desktop site and reads as `Other`).
    Ios,
    Android,
    Other,
}

/// An app that opened the link in a browser of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InApp {
    Line,
    Instagram,
    Facebook,
    X,
    TikTok,
    WeChat,
    YahooJapan,
    /// An app's browser we cannot name (Android's WebView, an iPhone app's web view).
    Unknown,
}

impl InApp {
    /// The app's name as people know it, when it has one (`None`: "this app").
    pub fn name(self) -> Option<&'static str> {
        match self {
            InApp::Line => Some("LINE"),
            InApp::Instagram => Some("Instagram"),
            InApp::Facebook => Some("Facebook"),
            InApp::X => Some("X"),
            InApp::TikTok => Some("TikTok"),
            InApp::WeChat => Some("WeChat"),
            InApp::YahooJapan => Some("Yahoo! JAPAN"),
            InApp::Unknown => None,
        }
    }
}

/// What the user agent says about the browser that opened the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrowserInfo {
    pub os: Os,
    /// `Some`: an app's own browser, not the phone's browser.
    pub in_app: Option<InApp>,
    /// The browser's name, for "your tickets are in Safari" (`None`: not one we name).
    pub name: Option<&'static str>,
}

/// Markers of apps' browsers, checked in this order (Messenger and Instagram carry
/// Facebook's markers too; the first match wins).
const IN_APP_MARKERS: [(&str, InApp); 12] = [
    (" line/", InApp::Line),
    ("instagram", InApp::Instagram),
    ("fban/", InApp::Facebook),
    ("fbav/", InApp::Facebook),
    ("fb_iab", InApp::Facebook),
    ("twitter", InApp::X),
    ("musical_ly", InApp::TikTok),
    ("bytedancewebview", InApp::TikTok),
    ("tiktok", InApp::TikTok),
    ("micromessenger", InApp::WeChat),
    ("yjapp-", InApp::YahooJapan),
    ("yjtop", InApp::YahooJapan),
];

impl BrowserInfo {
    /// Reads a user agent (any case).
    pub fn from_user_agent(user_agent: &str) -> Self {
        let ua = user_agent.to_ascii_lowercase();
        let has = |s: &str| ua.contains(s);
        let os = if has("iphone") || has("ipod") {
            Os::Ios
        } else if has("android") {
            Os::Android
        } else {
            Os::Other
        };
        let named = IN_APP_MARKERS
            .iter()
            .find(|(marker, _)| has(marker))
            .map(|(_, app)| *app);
        // Unnamed apps: Android's WebView says `; wv)`; an iPhone app's web view has no
        // `Safari/` token, unlike Safari and the other browsers built on it (which carry
        // their own: CriOS, FxiOS, EdgiOS).
        let ios_browser = ["safari/", "crios/", "fxios/", "edgios/"]
            .iter()
            .any(|m| has(m));
        let web_view = (os == Os::Android && has("; wv)")) || (os == Os::Ios && !ios_browser);
        let in_app = named.or(web_view.then_some(InApp::Unknown));
        let name = if in_app.is_some() {
            None
        } else if has("crios/") || (has("chrome/") && !has("edg") && !has("samsungbrowser")) {
            Some("Chrome")
        } else if has("fxios/") || has("firefox/") {
            Some("Firefox")
        } else if has("edg") {
            Some("Edge")
        } else if has("samsungbrowser") {
            Some("Samsung Internet")
        } else if has("safari/") && os == Os::Ios {
            Some("Safari")
        } else {
            None
        };
        Self { os, in_app, name }
    }

    /// Whether the page runs in an app's own browser: ask her to open the link in the
    /// phone's browser before anything is stored.
    pub fn is_in_app(&self) -> bool {
        self.in_app.is_some()
    }

    /// Whether adding the app to the home screen keeps her tickets from being deleted:
    /// Safari on an iPhone, not already opened from the home screen (`standalone`).
    pub fn suggests_home_screen(&self, standalone: bool) -> bool {
        self.os == Os::Ios && self.name == Some("Safari") && !standalone
    }

    /// The phone's own browser to open the link in: Safari on an iPhone, Chrome on
    /// Android, either elsewhere.
    pub fn system_browser(&self) -> &'static str {
        match self.os {
            Os::Ios => "Safari",
            Os::Android => "Chrome",
            Os::Other => "Safari / Chrome",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real user agents (2024–2025), one per case.
    const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const IPHONE_CHROME: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1";
    const IPHONE_LINE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0";
    const IPHONE_INSTAGRAM: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; ja_JP; ja; scale=3.00; 1170x2532; 614225829)";
    const IPHONE_FACEBOOK: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.38.109;FBBV/612345678;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/ja_JP;FBOP/5]";
    const IPHONE_WEB_VIEW: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36";
    const ANDROID_LINE: &str = "Mozilla/5.0 (Linux; Android 14; SO-51D Build/67.2.A.2.118; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Line/14.10.1/IAB";
    const ANDROID_INSTAGRAM: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Instagram 337.0.0.35.102 Android (34/14; 420dpi; 1080x2400; Google/google; Pixel 8; shiba; shiba; ja_JP; 614225830)";
    const ANDROID_WEB_VIEW: &str = "Mozilla/5.0 (Linux; Android 13; SH-53C Build/S1234; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36";
    const ANDROID_SAMSUNG: &str = "Mozilla/5.0 (Linux; Android 14; SM-S921Q) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36";
    const ANDROID_TIKTOK: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 trill_350101 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/35.1.1 ByteLocale/ja-JP BytedanceWebview/d8a21c6";
    const IPHONE_X: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.50";
    const IPHONE_YAHOO: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 YJApp-IOS jp.co.yahoo.ipn.appli/4.54.0";
    const DESKTOP_FIREFOX: &str =
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const DESKTOP_EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68";

    #[test]
    fn apps_browsers_are_recognised_by_name_or_as_web_views() {
        let cases = [
            (IPHONE_LINE, Os::Ios, Some(InApp::Line)),
            (ANDROID_LINE, Os::Android, Some(InApp::Line)),
            (IPHONE_INSTAGRAM, Os::Ios, Some(InApp::Instagram)),
            (ANDROID_INSTAGRAM, Os::Android, Some(InApp::Instagram)),
            (IPHONE_FACEBOOK, Os::Ios, Some(InApp::Facebook)),
            (IPHONE_X, Os::Ios, Some(InApp::X)),
            (ANDROID_TIKTOK, Os::Android, Some(InApp::TikTok)),
            (IPHONE_YAHOO, Os::Ios, Some(InApp::YahooJapan)),
            (IPHONE_WEB_VIEW, Os::Ios, Some(InApp::Unknown)),
            (ANDROID_WEB_VIEW, Os::Android, Some(InApp::Unknown)),
        ];
        for (ua, os, in_app) in cases {
            let b = BrowserInfo::from_user_agent(ua);
            assert_eq!((b.os, b.in_app), (os, in_app), "{ua}");
            assert!(b.is_in_app(), "{ua}");
            assert_eq!(
                b.name, None,
                "an app's browser is not named as a browser: {ua}"
            );
            assert!(!b.suggests_home_screen(false), "{ua}");
        }
    }

    #[test]
    fn the_phones_own_browsers_are_not_apps() {
        let cases = [
            (IPHONE_SAFARI, Os::Ios, Some("Safari")),
            (IPHONE_CHROME, Os::Ios, Some("Chrome")),
            (ANDROID_CHROME, Os::Android, Some("Chrome")),
            (ANDROID_SAMSUNG, Os::Android, Some("Samsung Internet")),
            (DESKTOP_FIREFOX, Os::Other, Some("Firefox")),
            (DESKTOP_EDGE, Os::Other, Some("Edge")),
            ("", Os::Other, None),
            ("curl/8.0", Os::Other, None),
        ];
        for (ua, os, name) in cases {
            let b = BrowserInfo::from_user_agent(ua);
            assert_eq!((b.os, b.in_app, b.name), (os, None, name), "{ua}");
            assert!(!b.is_in_app(), "{ua}");
        }
    }

    #[test]
    fn the_home_screen_is_suggested_in_iphone_safari_only_and_not_from_the_home_screen() {
        let safari = BrowserInfo::from_user_agent(IPHONE_SAFARI);
        assert!(safari.suggests_home_screen(false));
        assert!(
            !safari.suggests_home_screen(true),
            "already on the home screen"
        );
        for ua in [IPHONE_CHROME, ANDROID_CHROME, IPHONE_LINE, DESKTOP_FIREFOX] {
            assert!(
                !BrowserInfo::from_user_agent(ua).suggests_home_screen(false),
                "{ua}"
            );
        }
    }

    #[test]
    fn the_browser_to_open_the_link_in_is_the_phones_own() {
        assert_eq!(
            BrowserInfo::from_user_agent(IPHONE_LINE).system_browser(),
            "Safari"
        );
        assert_eq!(
            BrowserInfo::from_user_agent(ANDROID_LINE).system_browser(),
            "Chrome"
        );
        assert_eq!(
            BrowserInfo::from_user_agent(DESKTOP_FIREFOX).system_browser(),
            "Safari / Chrome"
        );
        assert_eq!(InApp::Line.name(), Some("LINE"));
        assert_eq!(InApp::Unknown.name(), None);
    }
}
