module github.com/acme/router

go 1.22

toolchain go1.22.5

require (
	github.com/sashabaranov/go-openai v1.32.0
	github.com/go-chi/chi/v5 v5.1.0
	github.com/tmc/langchaingo v0.1.12 // indirect
)

require github.com/anthropics/anthropic-sdk-go v0.2.0-alpha.4

replace github.com/go-chi/chi/v5 => ../chi
