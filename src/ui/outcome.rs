//! What a use case did, as the user is told: the features' actions return it and their
//! views show it.

/// What a use case did, as the user is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// It did what the user asked.
    pub ok: bool,
    /// One sentence in the user's language.
    pub message: String,
}

impl Outcome {
    /// It did what the user asked: `message` says what.
    pub fn ok(message: impl Into<String>) -> Self {
        Outcome {
            ok: true,
            message: message.into(),
        }
    }

    /// It did not: `message` says why.
    pub fn failed(message: impl Into<String>) -> Self {
        Outcome {
            ok: false,
            message: message.into(),
        }
    }
}
