//! Server-Sent Events as the contract's stream (`GET /events/stream`) uses them: one
//! encoder for the backends, one incremental decoder for the client.

/// One message of a stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SseMessage {
    pub id: Option<String>,
    /// The `event:` name; `message` when the server gave none.
    pub event: String,
    pub data: String,
}

/// A message as it goes on the wire; `data` must be one line (JSON is).
pub fn encode(id: &str, event: &str, data: &str) -> String {
    format!("id: {id}\nevent: {event}\ndata: {data}\n\n")
}

/// Decodes a stream that arrives in chunks cut anywhere.
#[derive(Default)]
pub struct SseDecoder {
    line: String,
    pending: SseMessage,
    has_data: bool,
}

impl SseDecoder {
    /// Feeds a chunk; returns the messages it completed.
    pub fn push(&mut self, chunk: &str) -> Vec<SseMessage> {
        let mut done = Vec::new();
        for c in chunk.chars() {
            if c != '\n' {
                self.line.push(c);
                continue;
            }
            let line = std::mem::take(&mut self.line);
            let line = line.strip_suffix('\r').unwrap_or(&line);
            if line.is_empty() {
                let message = std::mem::take(&mut self.pending);
                if std::mem::take(&mut self.has_data) {
                    let event = if message.event.is_empty() { "message".into() } else { message.event };
                    done.push(SseMessage { event, ..message });
                }
                continue;
            }
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            match field {
                "id" => self.pending.id = Some(value.into()),
                "event" => self.pending.event = value.into(),
                "data" => {
                    if self.has_data {
                        self.pending.data.push('\n');
                    }
                    self.pending.data.push_str(value);
                    self.has_data = true;
                }
                _ => {} // comments (`: keep-alive`) and `retry:`
            }
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_survive_any_chunking() {
        let wire = format!(
            ": hello\nretry: 3000\n\n{}{}",
            encode("evt_1", "event", "{\"a\":1}"),
            encode("evt_2", "event", "{}")
        );
        for cut in 0..wire.len() {
            let mut decoder = SseDecoder::default();
            let mut got = decoder.push(&wire[..cut]);
            got.extend(decoder.push(&wire[cut..]));
            assert_eq!(got.len(), 2, "cut at {cut}");
            assert_eq!(
                got[0],
                SseMessage { id: Some("evt_1".into()), event: "event".into(), data: "{\"a\":1}".into() }
            );
            assert_eq!(got[1].id.as_deref(), Some("evt_2"));
        }
    }

    #[test]
    fn multi_line_data_and_crlf_and_unnamed_events() {
        let mut decoder = SseDecoder::default();
        let got = decoder.push("data: one\r\ndata: two\r\n\r\n");
        assert_eq!(got, [SseMessage { id: None, event: "message".into(), data: "one\ntwo".into() }]);
        assert!(decoder.push("id: 5\n\n").is_empty(), "no data, no message");
    }
}
