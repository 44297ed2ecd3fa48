module example.com/broken

require (
	github.com/sashabaranov/go-openai
)
