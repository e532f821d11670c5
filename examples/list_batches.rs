//! Lists your five latest batches over HTTPS with ureq. Run with
//! `OPENAI_API_KEY=sk-... cargo run --example list_batches`.
use openai_types::api::{self, Operation, Reply};
use openai_types::operations::ListBatches;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Ok(key) = std::env::var("OPENAI_API_KEY") else {
        eprintln!("OPENAI_API_KEY is not set: run `OPENAI_API_KEY=sk-... cargo run --example list_batches`");
        std::process::exit(2);
    };
    let op = ListBatches { limit: Some(5), ..Default::default() };
    let url = format!("https://api.openai.com/v1{}?{}", op.path(), api::query_string(&op.query()));
    let response = match ureq::request(ListBatches::METHOD, &url).set("Authorization", &format!("Bearer {key}")).call() {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(e) => return Err(e.into()),
    };
    let (status, content_type) = (response.status(), response.content_type().to_owned());
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body)?;
    match ListBatches::decode(status, &content_type, &body)? {
        Reply::Ok { body: list, .. } => list.data.iter().for_each(|b| println!("{} {}", b.id, b.status.as_str())),
        Reply::Err { body, .. } => match body {},
        Reply::Other(raw) => eprintln!("HTTP {}: {}", raw.status, String::from_utf8_lossy(&raw.body)),
    }
    Ok(())
}
