//! go-plugin's `GRPCController`: Terraform's way of telling the plugin to exit.

use tokio::sync::watch;
use tonic::{Request, Response, Status};

use crate::proto::go_plugin::grpc_controller_server::GrpcController;
use crate::proto::go_plugin::Empty;

/// A one-way latch: once triggered, every waiter wakes up and stays released.
#[derive(Debug, Clone)]
pub struct ShutdownLatch {
    sender: watch::Sender<bool>,
}

impl Default for ShutdownLatch {
    fn default() -> ShutdownLatch {
        ShutdownLatch {
            sender: watch::channel(false).0,
        }
    }
}

impl ShutdownLatch {
    pub fn trigger(&self) {
        self.sender.send_replace(true);
    }

    pub fn is_triggered(&self) -> bool {
        *self.sender.borrow()
    }

    /// Resolves once [`trigger`](Self::trigger) has been called (at once if it already was).
    pub async fn triggered(&self) {
        let mut receiver = self.sender.subscribe();
        // The sender lives in `self`, so the channel cannot close while we wait.
        let _ = receiver.wait_for(|triggered| *triggered).await;
    }
}

/// Answers `Shutdown` and releases the latch the server waits on; the response is sent before
/// the server stops accepting work, so Terraform sees a clean shutdown.
pub struct Controller {
    shutdown: ShutdownLatch,
}

impl Controller {
    pub fn new(shutdown: ShutdownLatch) -> Controller {
        Controller { shutdown }
    }
}

#[tonic::async_trait]
impl GrpcController for Controller {
    async fn shutdown(&self, _request: Request<Empty>) -> Result<Response<Empty>, Status> {
        self.shutdown.trigger();
        Ok(Response::new(Empty {}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn shutdown_rpc_releases_the_latch() {
        let latch = ShutdownLatch::default();
        assert!(!latch.is_triggered());
        let controller = Controller::new(latch.clone());
        let waiter = tokio::spawn({
            let latch = latch.clone();
            async move { latch.triggered().await }
        });
        controller.shutdown(Request::new(Empty {})).await.unwrap();
        waiter.await.unwrap();
        assert!(latch.is_triggered());
        // Late waiters return at once.
        latch.triggered().await;
    }
}
