//! The shell's commands: each turns parsed arguments into calls on the core,
//! the store and the terminal, and returns the process exit code.

pub mod call;
pub mod calls;
pub mod man;
pub mod playbook;
pub mod practice;
pub mod privacy;
pub mod schema;
pub mod team;
