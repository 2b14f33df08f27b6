//! The office page's second core: settlement lines verified ahead in its worker.

use super::*;

/// Verifying settlement lines on a second thread (the office page's worker, which runs
/// the same WebAssembly): the page sends a [`VerifyAhead`] request as JSON, the worker
/// answers with one verdict code per line ([`VerifyAhead::answer`]), and the page hands
/// the codes to [`Settlement::verified_ahead`]. The worker checks the key list's root
/// signature itself, as the page did; an answer it cannot give is `""` (the page then
/// verifies that line itself). Internal to the office page, not a published format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyAhead {
    /// The key list the page verifies with (the feed's `keys` section).
    pub keys: crate::domain::tickets::core::keys::KeyListDto,
    /// (queue index, ticket text, JST day of the redemption), from
    /// [`Settlement::lines_to_verify`].
    pub lines: Vec<(usize, String, NaiveDate)>,
}

impl VerifyAhead {
    /// The verdict code of each line, in order, as `checks.verify` gives it.
    pub fn answer(
        &self,
        root: &ed25519_dalek::VerifyingKey,
        policy: VerifyPolicy,
    ) -> Result<Vec<&'static str>, crate::domain::tickets::core::keys::KeyListError> {
        let keys = KeySet::from_feed(&self.keys, root)?;
        let verify = verify_with(&keys, policy);
        Ok(self
            .lines
            .iter()
            .map(|(_, text, day)| match Ticket::from_text(text) {
                Ok(ticket) => verify(&ticket, *day),
                Err(_) => "",
            })
            .collect())
    }

    /// The worker's whole answer to a request as JSON text: `{"codes": [...]}` (one code
    /// per line, `""` where it could not say) or `{"error": "…"}` (an unreadable request
    /// or a key list the root did not sign: the page then verifies everything itself).
    pub fn answer_json(
        request: &str,
        root: &ed25519_dalek::VerifyingKey,
        policy: VerifyPolicy,
    ) -> String {
        let answer = serde_json::from_str::<VerifyAhead>(request)
            .map_err(|e| e.to_string())
            .and_then(|r| r.answer(root, policy).map_err(|e| e.to_string()));
        match answer {
            Ok(codes) => serde_json::json!({ "codes": codes }).to_string(),
            Err(e) => serde_json::json!({ "error": e }).to_string(),
        }
    }
}
